package dev.hone.bench;

import dev.hone.engine.decoder.Decoder;
import dev.hone.engine.decoder.DecoderSession;
import dev.hone.engine.kernel.VectorKernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Hone's side of {@code bench/decoder/run}: one model folder, one line of figures, in the same
 * protocol as {@code bench/decoder/torch_decode_peer.py measure}: load (the weights mapped), a
 * warm-up (a short prefill and 8 steps at batch 1 and at batch 8), prefill of 512 tokens, then 128 greedy decoding steps after a 16-token prompt at batch 1
 * and at batch 8 ({@link Decoder#step}), on 2 threads; then the process's peak resident memory.
 * Usage: {@code DecodeBench FOLDER MODEL DTYPE} (the last two only label the line).
 */
public final class DecodeBench {
    static final int THREADS = 2;
    static final int PREFILL_TOKENS = 512;
    static final int PROMPT_TOKENS = 16;
    static final int NEW_TOKENS = 128;
    static final int BATCH = 8;
    static final int WARM_UP_STEPS = 8;

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        String label = args[1] + " " + args[2];
        try (VectorKernels kernels = new VectorKernels(THREADS)) {
            long begin = System.nanoTime();
            Decoder decoder = Decoder.load(folder, kernels);
            double load = seconds(begin);
            int vocabulary = decoder.config().vocabularySize();
            // Warm-up through every path timed below (a packed prefill, one-row and eight-row steps), so
            // the JIT has compiled the Vector API code before the clock runs: interpreted, it is ~1000x slower.
            decoder.newSession().append(prompts(1, 32, vocabulary, 3)[0]);
            steps(decoder, 1, WARM_UP_STEPS);
            steps(decoder, BATCH, WARM_UP_STEPS);
            int[] long_ = prompts(1, PREFILL_TOKENS, vocabulary, 5)[0];
            begin = System.nanoTime();
            decoder.newSession().append(long_);
            double prefill = PREFILL_TOKENS / seconds(begin);
            double batch1 = decodeRate(decoder, 1);
            double batch8 = decodeRate(decoder, BATCH);
            System.out.printf(Locale.ROOT, "decode-figures hone %s load_s %.2f prefill_tok_s %.1f batch1_tok_s %.2f batch8_tok_s %.2f "
                    + "peak_rss_mb %d weight_mb %.1f%n", label, load, prefill, batch1, batch8, peakResidentMegabytes(),
                    decoder.weightBytes() / 1e6);
        }
    }

    /** Tokens per second over NEW_TOKENS greedy steps of {@code batch} sequences after a PROMPT_TOKENS prefill. */
    static double decodeRate(Decoder decoder, int batch) {
        return steps(decoder, batch, NEW_TOKENS);
    }

    /** Tokens per second over {@code count} greedy steps of {@code batch} sequences after a PROMPT_TOKENS prefill. */
    static double steps(Decoder decoder, int batch, int count) {
        List<DecoderSession> sessions = new ArrayList<>();
        for (int s = 0; s < batch; s++) sessions.add(decoder.newSession());
        float[][] logits = decoder.append(sessions, prompts(batch, PROMPT_TOKENS, decoder.config().vocabularySize(), 7));
        long begin = System.nanoTime();
        for (int step = 0; step < count; step++) {
            int[] next = new int[batch];
            for (int s = 0; s < batch; s++) next[s] = argmax(logits[s]);
            logits = batch == 1 ? new float[][] {sessions.get(0).append(next[0])} : decoder.step(sessions, next);
        }
        return batch * count / seconds(begin);
    }

    static int[][] prompts(int count, int length, int vocabulary, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] prompts = new int[count][length];
        for (int[] prompt : prompts) for (int i = 0; i < length; i++) prompt[i] = random.nextInt(vocabulary);
        return prompts;
    }

    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** VmHWM of /proc/self/status: the most this process has held in memory, mapped weights included. */
    static long peakResidentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
        return -1;
    }
}
