package dev.hone.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hone.engine.model.Encoders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hone as a plain library: a JVM started without {@code --add-modules jdk.incubator.vector} embeds
 * with the scalar kernels, never loads a Vector API class, warns once on standard error, and gives the
 * embeddings this JVM's Vector API kernels give (cosine ≥ 0.9999, every component within 1e-4).
 */
class KernelSelectionTest {
    static final List<String> TEXTS = List.of("Where is my parcel?", "I want my money back for the broken lamp.",
            "naïve café – 東京", "The quick brown fox jumps over the lazy dog, twice, and then sleeps.");

    @TempDir
    Path directory;

    @Test
    void thisJvmHasTheVectorApiAndGetsItsKernels() {
        assertThat(KernelSelection.vectorApiEnabled()).isTrue();
        assertThat(KernelSelection.forThisJvm(1)).isInstanceOf(VectorKernels.class);
    }

    @Test
    void aJvmWithoutTheVectorApiEmbedsOnTheScalarKernelsAsTheVectorOnesDo() throws Exception {
        Path classLoads = directory.resolve("class-loads.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Xlog:class+load=info:file=" + classLoads, "-cp", System.getProperty("java.class.path"),
                EmbedWithoutVectorApi.class.getName()));
        command.addAll(TEXTS);
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("the child JVM finished").isTrue();
        assertThat(child.exitValue()).as(Files.readString(err)).isZero();

        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo(ReferenceKernels.class.getName());
        assertThat(Files.readString(err).lines().filter(KernelSelection.WARNING::equals).count()).isEqualTo(1);
        assertThat(Files.readAllLines(classLoads)).noneMatch(line -> line.contains("jdk.incubator.vector")
                || line.contains(VectorKernels.class.getName()) || line.contains("dev.hone.engine.kernel.Widening")
                || line.contains("dev.hone.engine.kernel.TierExact"));

        float[][] expected = Encoders.load("all-minilm-l6-v2", KernelSelection.forThisJvm(2)).embed(TEXTS);
        assertThat(lines).hasSize(1 + TEXTS.size());
        double largestDifference = 0;
        double lowestCosine = 1;
        for (int t = 0; t < TEXTS.size(); t++) {
            String[] values = lines.get(1 + t).split(" ");
            assertThat(values).hasSize(expected[t].length);
            double dot = 0;
            double scalarNorm = 0;
            double vectorNorm = 0;
            for (int i = 0; i < values.length; i++) {
                float scalar = Float.parseFloat(values[i]);
                assertThat(scalar).as("%s, component %d", TEXTS.get(t), i).isCloseTo(expected[t][i], within(1e-4f));
                largestDifference = Math.max(largestDifference, Math.abs(scalar - expected[t][i]));
                dot += (double) scalar * expected[t][i];
                scalarNorm += (double) scalar * scalar;
                vectorNorm += (double) expected[t][i] * expected[t][i];
            }
            double cosine = dot / Math.sqrt(scalarNorm * vectorNorm);
            assertThat(cosine).as(TEXTS.get(t)).isGreaterThanOrEqualTo(0.9999);
            lowestCosine = Math.min(lowestCosine, cosine);
        }
        System.out.printf("scalar vs vector kernels: largest component difference %.2e, lowest cosine %.9f%n",
                largestDifference, lowestCosine);
    }
}
