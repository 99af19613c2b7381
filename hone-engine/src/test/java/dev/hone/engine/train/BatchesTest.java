package dev.hone.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.autograd.Tape;
import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.engine.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class BatchesTest {

    @Test
    void aBatchThatFitsIsOnePass() {
        assertThat(Batches.passes(16, 20, 512)).containsExactly(new int[] {0, 16});
    }

    @Test
    void passesCoverEveryRowOnceAndStayWithinTheBudget() {
        for (int size = 1; size <= 40; size++) {
            for (int tokensPerRow = 1; tokensPerRow <= 700; tokensPerRow += 37) {
                List<int[]> passes = Batches.passes(size, tokensPerRow, 512);
                int next = 0;
                for (int[] pass : passes) {
                    assertThat(pass[0]).isEqualTo(next);
                    assertThat(pass[1]).isGreaterThan(pass[0]);
                    // One row over the budget cannot be split further; anything else must fit.
                    if (pass[1] - pass[0] > 1) assertThat((pass[1] - pass[0]) * tokensPerRow).isLessThanOrEqualTo(512);
                    next = pass[1];
                }
                assertThat(next).isEqualTo(size);
            }
        }
    }

    @Test
    void passesAreNearlyEqual() {
        // 16 rows of 100 tokens: 5 rows fit in 512, so 4 passes of 4 rather than 5 + 5 + 5 + 1.
        assertThat(Batches.passes(16, 100, 512)).extracting(p -> p[1] - p[0]).containsExactly(4, 4, 4, 4);
    }

    @Test
    void aSinglePassDrawsTheDropoutOfAStepWithoutPasses() {
        assertThat(Batches.dropoutSeed(7, 3, 0)).isEqualTo(7 * 7919L + 3);
        assertThat(Batches.dropoutSeed(7, 3, 4)).isNotEqualTo(Batches.dropoutSeed(7, 4, 0));
    }

    @Test
    void passLossesWeightedByTheirShareGiveTheWholeBatchGradient() {
        ReferenceKernels kernels = new ReferenceKernels();
        int rows = 7;
        float[] inputs = new float[rows * 3];
        for (int i = 0; i < inputs.length; i++) inputs[i] = (float) Math.sin(i + 1.0);
        int[] labels = {0, 1, 1, 0, 1, 0, 0};
        Tensor whole = Tensor.parameter(new float[] {0.3f, -0.2f, 0.5f, -0.4f, 0.1f, 0.2f}, 2, 3);
        Tape tape = new Tape();
        Graph graph = Graph.training(kernels, tape, 1);
        Tensor wholeLoss = graph.crossEntropy(graph.linear(Tensor.of(inputs, rows, 3), whole, null), labels);
        tape.backward(wholeLoss);

        Tensor split = Tensor.parameter(whole.data().clone(), 2, 3);
        List<int[]> seen = new java.util.ArrayList<>();
        float loss = Batches.backwardInPasses(kernels, 1, 0, rows, 3, 9, (passGraph, from, to) -> {
            seen.add(new int[] {from, to});
            Tensor x = Tensor.of(Arrays.copyOfRange(inputs, from * 3, to * 3), to - from, 3);
            return passGraph.crossEntropy(passGraph.linear(x, split, null), Arrays.copyOfRange(labels, from, to));
        });
        assertThat(seen).hasSize(3);
        assertThat(loss).isCloseTo(wholeLoss.data()[0], Offset.offset(1e-6f));
        for (int i = 0; i < whole.size(); i++) {
            assertThat(split.gradient()[i]).isCloseTo(whole.gradient()[i], Offset.offset(1e-6f));
        }
    }
}
