package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Running out of heap is a message naming what was being done and how to give the JVM more, with
 * exit code 1 and no stack trace. The CLI runs in its own JVM with a heap too small for the model.
 */
class OutOfMemoryTest {

    @Test
    void aHeapTooSmallForTheModelIsReportedWithTheCommandAndTheFix() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx48m", "--add-modules", "jdk.incubator.vector",
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "embed", "--model", "bge-small-en-v1.5", "Where is my parcel?"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(err).isEqualTo(1);
        assertThat(err).contains("hone: ran out of memory while running 'hone embed --model bge-small-en-v1.5")
                .contains("Java heap limit").contains("HONE_JAVA_OPTS=-Xmx2g")
                .doesNotContain("\tat ").doesNotContain("Exception in thread");
    }
}
