package dev.hone.engine.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.engine.kernel.VectorKernels;
import dev.hone.error.BadInputException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several sessions advanced in one forward pass ({@link Decoder#append(List, int[][])} for
 * prompts, {@link Decoder#step} for one token each) against each session run alone: the same
 * logits within f32 rounding (a batch's products sum rows in another order than a lone row's,
 * 1e-4 as against PyTorch) and the same greedy tokens.
 */
class BatchedDecodingTest {
    private static final double TOLERANCE = 1e-4;
    private static final int STEPS = 24;
    private static final VectorKernels FAST = new VectorKernels(2);
    private static final ReferenceKernels SCALAR = new ReferenceKernels();

    @AfterAll
    static void close() {
        FAST.close();
    }

    static Stream<Arguments> fixturesOnBothKernels() {
        return DecoderReferenceTest.fixturesOnBothKernels();
    }

    @ParameterizedTest(name = "{0} on {1} kernels")
    @MethodSource("fixturesOnBothKernels")
    void aBatchGivesTheLogitsAndGreedyTokensOfEachSessionAlone(String fixture, String which) {
        Kernels kernels = which.equals("vector") ? FAST : SCALAR;
        Decoder decoder = Decoder.load(DecoderReferenceTest.folder(fixture), kernels);
        int[] prompt = DecoderReferenceTest.Reference.read(fixture).prompt();
        // Prompts of different lengths, so the sessions sit at different positions and their rows differ in number.
        int[][] prompts = {prompt, Arrays.copyOfRange(prompt, 5, 30), Arrays.copyOfRange(prompt, 10, 11), Arrays.copyOfRange(prompt, 20, 29),
            Arrays.copyOfRange(prompt, 1, 50)};
        List<DecoderSession> batched = Stream.generate(decoder::newSession).limit(prompts.length).toList();
        List<DecoderSession> alone = Stream.generate(decoder::newSession).limit(prompts.length).toList();

        float[][] batchLogits = decoder.append(batched, prompts);
        float[][] aloneLogits = new float[prompts.length][];
        for (int s = 0; s < prompts.length; s++) aloneLogits[s] = alone.get(s).append(prompts[s]);
        double worst = 0;
        for (int step = 0; ; step++) {
            int[] next = new int[prompts.length];
            for (int s = 0; s < prompts.length; s++) {
                worst = Math.max(worst, DecoderReferenceTest.maxAbsDifference(aloneLogits[s], batchLogits[s]));
                next[s] = argmax(aloneLogits[s]);
                assertThat(argmax(batchLogits[s])).as("%s session %d step %d", fixture, s, step).isEqualTo(next[s]);
            }
            if (step == STEPS) break;
            batchLogits = decoder.step(batched, next);
            for (int s = 0; s < prompts.length; s++) aloneLogits[s] = alone.get(s).append(next[s]);
        }
        for (int s = 0; s < prompts.length; s++) assertThat(batched.get(s).length()).isEqualTo(prompts[s].length + STEPS);
        assertThat(worst).as("max |logit difference| between batched and alone, %s", fixture).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void aRefusedBatchLeavesEverySessionAsItWas() {
        Decoder decoder = Decoder.load(DecoderReferenceTest.folder("llama-gqa-f32"), SCALAR);
        DecoderSession first = decoder.newSession();
        DecoderSession second = decoder.newSession();
        first.append(1, 2, 3);
        assertThatThrownBy(() -> decoder.step(List.of(first, second), new int[] {4, 300}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sequence 1: token id 300 at index 0 is outside the vocabulary [0, 300)");
        assertThatThrownBy(() -> decoder.step(List.of(first, first), new int[] {4, 5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("session 1 appears twice in one batch");
        assertThatThrownBy(() -> decoder.step(List.of(first, second), new int[] {4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 sessions but 1 token lists: give one per session");
        Decoder other = Decoder.load(DecoderReferenceTest.folder("llama-gqa-f32"), SCALAR);
        assertThatThrownBy(() -> decoder.step(List.of(first, other.newSession()), new int[] {4, 5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("session 1 belongs to another decoder");
        int limit = decoder.config().maxSequenceLength();
        assertThatThrownBy(() -> decoder.append(List.of(first, second), new int[][] {{4}, new int[limit + 1]}))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("sequence 1: a sequence of " + (limit + 1) + " tokens");
        assertThat(first.length()).isEqualTo(3);
        assertThat(second.length()).isZero();
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
