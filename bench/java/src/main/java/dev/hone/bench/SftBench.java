package dev.hone.bench;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.autograd.Tape;
import dev.hone.engine.decoder.Decoder;
import dev.hone.engine.decoder.DecoderAdapters;
import dev.hone.engine.decoder.DecoderModule;
import dev.hone.engine.decoder.LoraSettings;
import dev.hone.engine.decoder.TrainableDecoder;
import dev.hone.engine.kernel.VectorKernels;
import dev.hone.engine.tensor.Tensor;
import dev.hone.engine.train.AdamW;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Hone's side of {@code bench/decoder/sft/run}: the step time of LoRA supervised fine-tuning on one
 * model folder, in the protocol of {@code bench/decoder/sft/torch_sft_peer.py}. One step is what
 * {@code LoraTrainer} does per optimiser step without accumulation: the masked next-token loss of a
 * batch of 4 sequences of 256 hashed token ids (the first 128 are the prompt, the loss counts the rest) with
 * one activation-checkpointed block per layer, its backward into the adapters, clipping to norm 1 and
 * an AdamW update. Adapters: rank 8, alpha 16, dropout 0.05 on q, k, v and o, as
 * {@link LoraSettings#defaults}. Base weights stay in their stored type (bf16 here), widened inside
 * the products. Before the steps the process measures its own f32 GEMM rate on the step's largest
 * product shape (tokens × hidden → intermediate), the figure the run's FLOP bound divides by.
 * Usage: {@code SftBench FOLDER MODEL DTYPE WARM_UP_STEPS STEPS}; prints one {@code sft-figures} line.
 */
public final class SftBench {
    static final int THREADS = 2;
    static final int BATCH = 4;
    static final int SEQUENCE = 256;
    static final int PROMPT = 128;
    static final float LEARNING_RATE = 2e-4f;

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        String label = args[1] + " " + args[2];
        int warmUp = Integer.parseInt(args[3]);
        int steps = Integer.parseInt(args[4]);
        try (VectorKernels kernels = new VectorKernels(THREADS)) {
            Decoder decoder = Decoder.load(folder, kernels);
            double gemm = gemmGigaflops(kernels, BATCH * SEQUENCE, decoder.config().hiddenSize(), decoder.config().intermediateSize());
            TrainableDecoder model = new TrainableDecoder(decoder, DecoderAdapters.create(decoder,
                    new LoraSettings(8, 16, 0.05f, DecoderModule.ATTENTION, 11)));
            AdamW optimizer = new AdamW(model.adapters().parameters(), 0f);
            float[] rates = new float[model.adapters().parameters().size()];
            Arrays.fill(rates, LEARNING_RATE);
            int[][] tokens = tokens(decoder.config().vocabularySize());
            boolean[][] counted = responseMask();
            double[] seconds = new double[steps];
            float loss = 0;
            float firstLoss = Float.NaN;
            for (int step = 0; step < warmUp + steps; step++) {
                long begin = System.nanoTime();
                loss = step(model, optimizer, rates, tokens, counted, kernels, step);
                if (step == 0) firstLoss = loss;
                if (step >= warmUp) seconds[step - warmUp] = DecodeBench.seconds(begin);
            }
            System.out.printf(Locale.ROOT, "sft-figures hone %s step_s %.3f steps %s first_loss %.4f loss %.4f gemm_gflops %.1f "
                    + "peak_rss_mb %d%n", label, GemmBench.median(seconds), join(seconds), firstLoss, loss, gemm, DecodeBench.peakResidentMegabytes());
        }
    }

    /** One optimiser step as LoraTrainer takes it; returns the batch's loss before the update. */
    static float step(TrainableDecoder model, AdamW optimizer, float[] rates, int[][] tokens, boolean[][] counted,
                      VectorKernels kernels, long seed) {
        optimizer.zeroGradients();
        Tape tape = new Tape();
        Tensor loss = model.loss(Graph.training(kernels, tape, seed, true), tokens, counted);
        tape.backward(loss);
        optimizer.clipGradients(1f);
        optimizer.step(rates);
        return loss.data()[0];
    }

    /** Token ids as a multiplicative hash of each position (torch_sft_peer.py makes the same), so both sides train on one batch. */
    static int[][] tokens(int vocabulary) {
        int[][] tokens = new int[BATCH][SEQUENCE];
        for (int b = 0; b < BATCH; b++) {
            for (int i = 0; i < SEQUENCE; i++) {
                long position = (long) b * SEQUENCE + i;
                tokens[b][i] = (int) (((position * 2654435761L + 12345) & 0xFFFFFFFFL) % vocabulary);
            }
        }
        return tokens;
    }

    /** counted[b][i]: the token after position i is a response token (positions PROMPT-1 … SEQUENCE-2). */
    static boolean[][] responseMask() {
        boolean[][] counted = new boolean[BATCH][SEQUENCE];
        for (boolean[] row : counted) Arrays.fill(row, PROMPT - 1, SEQUENCE - 1, true);
        return counted;
    }

    /** Best of 5 timings of the f32 product x (m × k) · Wᵀ (W n × k), after 3 untimed calls, in GFLOP/s. */
    static double gemmGigaflops(VectorKernels kernels, int m, int k, int n) {
        float[] a = GemmBench.random(m * k, 1);
        float[] b = GemmBench.random(n * k, 2);
        float[] c = new float[m * n];
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            long begin = System.nanoTime();
            kernels.matmul(a, 0, false, b, 0, true, c, 0, m, n, k, false);
            if (i >= 3) best = Math.min(best, DecodeBench.seconds(begin));
        }
        return 2.0 * m * n * k / best / 1e9;
    }

    static String join(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) text.append(text.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "%.3f", value));
        return text.toString();
    }
}
