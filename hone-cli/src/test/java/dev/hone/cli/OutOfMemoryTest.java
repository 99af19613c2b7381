package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Running out of heap is a message naming what was being done and how to give the JVM more, with
 * exit code 1 and no stack trace. The CLI runs in its own JVM with a heap too small for the model.
 */
class OutOfMemoryTest {

    @Test
    void aHeapTooSmallForTheModelIsReportedWithTheCommandAndTheFix() throws IOException, InterruptedException {
        CliRunner result = CliRunner.inOwnJvm("48m", Duration.ofMinutes(2),
                "embed", "--model", "bge-small-en-v1.5", "Where is my parcel?");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains("hone: ran out of memory while running 'hone embed --model bge-small-en-v1.5")
                .contains("Java heap limit").contains("HONE_JAVA_OPTS=-Xmx2g")
                .doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(result.printedStackTrace()).isFalse();
    }
}
