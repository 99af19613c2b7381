package dev.hone.bench;

import dev.hone.engine.kernel.PackedMatrix;
import dev.hone.engine.kernel.VectorKernels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The engine's matrix multiply beside PyTorch + OpenBLAS (bench/gemm_peer.py, started from here),
 * 2 threads each, on GEMM 1024³ and the encoder's shapes. Each round times the engine on a shape and
 * then the peer on the same shape, so both see the same load on a shared machine; it prints medians
 * over the rounds and the median of the rounds' ratios. From the repository root, after {@code ./mvnw -pl hone-engine compile}:
 * <pre>
 * javac --add-modules jdk.incubator.vector -d /tmp/gemmbench -cp hone-engine/target/classes \
 *     bench/java/src/main/java/dev/hone/bench/GemmBench.java
 * java --add-modules jdk.incubator.vector -cp /tmp/gemmbench:hone-engine/target/classes dev.hone.bench.GemmBench [rounds]
 * </pre>
 */
public final class GemmBench {
    static final int THREADS = 2;
    /** Each timed sample runs about this long (several calls for small shapes). */
    static final double SAMPLE_SECONDS = 0.02;
    static final double WARM_UP_SECONDS = 0.5;

    /** One product: op(A) m×k times op(B) k×n, A stored k×m when transposed, B stored n×k when transposed. */
    record Shape(String name, int m, int n, int k, boolean ta, boolean tb, boolean accumulate, boolean packed) {
        double flops() {
            return 2.0 * m * n * k;
        }
    }

    static final List<Shape> SHAPES = List.of(
            new Shape("1024^3", 1024, 1024, 1024, false, false, false, false),
            new Shape("x·Wt 512x384 -> 1536", 512, 1536, 384, false, true, false, false),
            new Shape("x·Wt 512x1536 -> 384", 512, 384, 1536, false, true, false, false),
            new Shape("x·Wt 16x384 -> 384", 16, 384, 384, false, true, false, false),
            new Shape("x·Wt 512x384 -> 1536 packed", 512, 1536, 384, false, true, false, true),
            new Shape("x·Wt 512x1536 -> 384 packed", 512, 384, 1536, false, true, false, true),
            new Shape("x·Wt 16x384 -> 384 packed", 16, 384, 384, false, true, false, true),
            new Shape("dx += dy·W 512x1536 -> 384", 512, 384, 1536, false, false, true, false),
            new Shape("dW += dyT·x 1536x384, k=512", 1536, 384, 512, true, false, true, false),
            new Shape("dW += dyT·x 384x384, k=4096", 384, 384, 4096, true, false, true, false));

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "bench/gemm_peer.py");
        // OpenBLAS picks its AVX-512 kernel only when these two are unset.
        builder.environment().remove("OPENBLAS_CORETYPE");
        builder.environment().remove("OPENBLAS_L2_SIZE");
        builder.environment().put("OMP_NUM_THREADS", Integer.toString(THREADS));
        builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(THREADS));
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process peer = builder.start();
        try (VectorKernels kernels = new VectorKernels(THREADS);
             PrintWriter toPeer = new PrintWriter(peer.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader fromPeer = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
            List<Runnable> products = new ArrayList<>();
            for (Shape shape : SHAPES) products.add(product(kernels, shape));
            double[][] engine = new double[SHAPES.size()][rounds];
            double[][] torch = new double[SHAPES.size()][rounds];
            int[] calls = new int[SHAPES.size()];
            // Warm-up: every shape for WARM_UP_SECONDS, twice over, so C2 has compiled every path, and
            // recompiled those that a later shape's first call deoptimized (a transposed A, say).
            for (int pass = 0; pass < 2; pass++) {
                for (int s = 0; s < SHAPES.size(); s++) {
                    Shape shape = SHAPES.get(s);
                    for (long end = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9); System.nanoTime() < end; ) {
                        products.get(s).run();
                    }
                    calls[s] = (int) Math.max(1, SAMPLE_SECONDS * 100e9 / shape.flops());
                    peerSeconds(toPeer, fromPeer, shape, calls[s]);
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (int s = 0; s < SHAPES.size(); s++) {
                    Shape shape = SHAPES.get(s);
                    // Alternating which side goes first evens out load that drifts within a pair.
                    if (r % 2 == 1) torch[s][r] = shape.flops() / peerSeconds(toPeer, fromPeer, shape, calls[s]) / 1e9;
                    engine[s][r] = shape.flops() / engineSeconds(products.get(s), calls[s]) / 1e9;
                    if (r % 2 == 0) torch[s][r] = shape.flops() / peerSeconds(toPeer, fromPeer, shape, calls[s]) / 1e9;
                }
            }
            System.out.printf(Locale.ROOT, "GEMM, %d threads each, GFLOP/s medians of %d rounds%n", THREADS, rounds);
            // The ratio column is the median of each round's engine/torch ratio: the pair ran back to back,
            // so it is steadier than the ratio of the medians when the machine is shared.
            System.out.printf(Locale.ROOT, "%-32s %8s %8s %7s%n", "shape (m x k -> n)", "engine", "torch", "ratio");
            for (int s = 0; s < SHAPES.size(); s++) {
                double[] ratios = new double[rounds];
                for (int r = 0; r < rounds; r++) ratios[r] = engine[s][r] / torch[s][r];
                System.out.printf(Locale.ROOT, "%-32s %8.1f %8.1f %6.2fx%n", SHAPES.get(s).name(), median(engine[s]),
                        median(torch[s]), median(ratios));
            }
        } finally {
            peer.destroy();
        }
    }

    static Runnable product(VectorKernels kernels, Shape s) {
        float[] a = random(s.m() * s.k(), 1);
        float[] b = random(s.k() * s.n(), 2);
        float[] c = random(s.m() * s.n(), 3);
        if (s.packed()) {
            PackedMatrix packed = kernels.pack(b, 0, s.tb(), s.k(), s.n());
            return () -> kernels.matmul(a, 0, s.ta(), packed, c, 0, s.m(), s.accumulate());
        }
        return () -> kernels.matmul(a, 0, s.ta(), b, 0, s.tb(), c, 0, s.m(), s.n(), s.k(), s.accumulate());
    }

    static double engineSeconds(Runnable product, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) product.run();
        return (System.nanoTime() - start) / 1e9 / calls;
    }

    /** The peer has no packed form: it times the plain product, as torch callers run it. */
    static double peerSeconds(PrintWriter toPeer, BufferedReader fromPeer, Shape s, int calls) throws IOException {
        toPeer.printf(Locale.ROOT, "%d %d %d %d %d %d %d%n", s.m(), s.n(), s.k(), s.ta() ? 1 : 0, s.tb() ? 1 : 0,
                s.accumulate() ? 1 : 0, calls);
        String line = fromPeer.readLine();
        if (line == null) throw new IOException("the torch peer exited");
        return Double.parseDouble(line.trim());
    }

    static float[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) values[i] = (float) (random.nextDouble() * 2 - 1);
        return values;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
