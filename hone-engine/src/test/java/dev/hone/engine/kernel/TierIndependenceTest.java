package dev.hone.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels give the same bits in the interpreter (the Vector API's Java fallback) as
 * once the JIT has compiled them to SIMD instructions: otherwise a run's numbers depend on when the
 * JIT got to a loop, which the machine's load decides, and two runs of the same config train
 * different weights and can recommend different candidates.
 */
class TierIndependenceTest {

    @Test
    void compiledKernelsGiveTheInterpretersBits() throws IOException, InterruptedException {
        for (int i = 0; i < 3_000; i++) results();                      // long enough for C2 on these small loops
        String compiled = results();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xint", "--add-modules", "jdk.incubator.vector"));
        // The same vector width as this JVM (the 256-bit execution runs with -XX:UseAVX=2).
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-XX:")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TierIndependenceTest.class.getName()));
        Process interpreter = new ProcessBuilder(command).start();
        String interpreted = new String(interpreter.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(interpreter.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(interpreter.exitValue()).as(new String(interpreter.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(interpreted).isEqualTo(compiled);
    }

    @Test
    void expIsCloseToMathExpAndZeroBelowTheFloatRange() {
        float[] x = new float[FloatVector.SPECIES_PREFERRED.length()];
        for (float start = -100f; start <= 0; start += 0.37f) {
            for (int i = 0; i < x.length; i++) x[i] = start + i * 0.01f;
            float[] e = TierExact.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0)).toArray();
            for (int i = 0; i < x.length; i++) {
                double expected = Math.exp(x[i]);
                if (x[i] < -87.33654f) assertThat(e[i]).isZero();
                else assertThat((double) e[i]).as("exp(%s)", x[i]).isCloseTo(expected, within(expected * 5e-7));
            }
        }
        x[0] = Float.NEGATIVE_INFINITY;
        assertThat(TierExact.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0)).lane(0)).isZero();
    }

    @Test
    void sumFoldsTheLanesInHalves() {
        float[] x = new float[FloatVector.SPECIES_PREFERRED.length()];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.pow(10, i % 8) * (i % 2 == 0 ? 1 : -1) / 3;
        float[] folded = x.clone();
        for (int width = x.length / 2; width >= 1; width /= 2) {
            for (int i = 0; i < width; i++) folded[i] += folded[i + width];
        }
        assertThat(TierExact.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, 0))).isEqualTo(folded[0]);
    }

    /** Prints the results' bits: what the interpreter computes, for the test to compare. */
    public static void main(String[] args) {
        System.out.println(results());
    }

    /** Every kernel with a reduction or an exponential, on fixed data, as hexadecimal bits. */
    private static String results() {
        SplittableRandom random = new SplittableRandom(11);
        float[] a = values(random, 4 * 96);
        float[] weights = values(random, 8 * 96);
        List<float[]> out = new ArrayList<>();
        try (VectorKernels kernels = new VectorKernels(1)) {
            for (ElementType type : new ElementType[] {ElementType.F32, ElementType.BF16, ElementType.F16}) {
                for (int rows : new int[] {1, 4}) {
                    float[] c = new float[rows * 8];
                    kernels.matmul(a, 0, StoredMatrix.rounded(weights, type, 8, 96), c, 0, rows, false);
                    out.add(c);
                }
            }
            out.add(new float[] {kernels.dot(a, 0, weights, 0, 96)});
            float[] soft = a.clone();
            kernels.softmaxRows(soft, 0, 4, 96);
            out.add(soft);
            float[] gelu = new float[a.length];
            kernels.gelu(a, 0, gelu, 0, a.length);
            out.add(gelu);
            float[] dx = new float[a.length];
            kernels.geluBackward(a, weights, dx, a.length);
            out.add(dx);
            float[] norm = new float[a.length];
            kernels.layerNorm(a, 4, 96, values(random, 96), values(random, 96), 1e-5f, norm, null, null);
            out.add(norm);
        }
        StringBuilder bits = new StringBuilder();
        for (float[] values : out) {
            for (float v : values) bits.append(Integer.toHexString(Float.floatToRawIntBits(v))).append(' ');
            bits.append('\n');
        }
        return bits.toString().strip();
    }

    private static float[] values(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float) (random.nextDouble() * 6 - 3);
        return values;
    }
}
