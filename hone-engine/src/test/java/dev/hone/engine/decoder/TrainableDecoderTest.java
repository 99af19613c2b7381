package dev.hone.engine.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.autograd.Tape;
import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.engine.nn.LoraAdapter;
import dev.hone.engine.tensor.Tensor;
import dev.hone.error.BadInputException;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The training path of a decoder with LoRA adapters against the inference path: with fresh adapters
 * (B = 0) its loss is the one the inference logits give, with trained (non-zero) adapters its logits
 * are those of {@link Decoder#withAdapters}, and the adapters' gradients match finite differences of
 * the loss through checkpointed blocks with dropout.
 */
class TrainableDecoderTest {
    private static final ReferenceKernels SCALAR = new ReferenceKernels();
    private static final List<String> FIXTURES = List.of("llama-gqa-f32", "llama3-rope-bf16", "qwen2-bias-f16");

    static Stream<Arguments> fixturesOnBothKernels() {
        return KernelKinds.onBoth(FIXTURES);
    }

    private static Kernels kernels(String which) {
        return KernelKinds.named(which);
    }

    private static int[][] sequences() {
        SplittableRandom random = new SplittableRandom(5);
        int[][] tokens = new int[3][];
        int[] lengths = {9, 5, 12};
        for (int b = 0; b < tokens.length; b++) tokens[b] = random.ints(lengths[b], 3, 300).toArray();
        return tokens;
    }

    /** The last third of each sequence is its response: positions before a response token count. */
    private static boolean[][] responseMasks(int[][] tokens) {
        boolean[][] counts = new boolean[tokens.length][];
        for (int b = 0; b < tokens.length; b++) {
            counts[b] = new boolean[tokens[b].length];
            for (int i = 2 * tokens[b].length / 3 - 1; i < tokens[b].length - 1; i++) counts[b][i] = true;
        }
        return counts;
    }

    @ParameterizedTest(name = "{0} on {1} kernels")
    @MethodSource("fixturesOnBothKernels")
    void withFreshAdaptersTheLossIsTheInferenceLogitsCrossEntropy(String fixture, String kernels) {
        Decoder decoder = Decoder.load(DecoderReferenceTest.folder(fixture), kernels(kernels));
        int[][] tokens = sequences();
        boolean[][] counts = responseMasks(tokens);
        double sum = 0;
        int counted = 0;
        for (int b = 0; b < tokens.length; b++) {
            float[][] logits = decoder.logits(tokens[b]);
            for (int i = 0; i < tokens[b].length; i++) {
                if (!counts[b][i]) continue;
                double max = Double.NEGATIVE_INFINITY;
                for (float l : logits[i]) max = Math.max(max, l);
                double total = 0;
                for (float l : logits[i]) total += Math.exp(l - max);
                sum += max + Math.log(total) - logits[i][tokens[b][i + 1]];
                counted++;
            }
        }
        DecoderAdapters adapters = DecoderAdapters.create(decoder, new LoraSettings(4, 8, 0.1f, EnumSet.allOf(DecoderModule.class), 3));
        Tape tape = new Tape();
        Tensor loss = new TrainableDecoder(decoder, adapters).loss(Graph.training(kernels(kernels), tape, 1, true), tokens, counts);
        assertThat((double) loss.data()[0]).isCloseTo(sum / counted, Offset.offset(1e-4));
    }

    @ParameterizedTest(name = "{0} on {1} kernels")
    @MethodSource("fixturesOnBothKernels")
    void inferenceWithAdaptersGivesTheTrainingPathsLogits(String fixture, String kernels) {
        Decoder decoder = Decoder.load(DecoderReferenceTest.folder(fixture), kernels(kernels));
        DecoderAdapters adapters = trained(decoder, new LoraSettings(4, 8, 0.1f, EnumSet.allOf(DecoderModule.class), 3));
        int[] tokens = sequences()[2];
        float[][] expected = new TrainableDecoder(decoder, adapters).logits(tokens);
        Decoder adapted = decoder.withAdapters(adapters);
        float[][] actual = adapted.logits(tokens);
        float[][] base = decoder.logits(tokens);
        for (int i = 0; i < tokens.length; i++) {
            assertThat(DecoderReferenceTest.maxAbsDifference(expected[i], actual[i])).as("position %d", i).isLessThan(1e-4);
            assertThat(DecoderReferenceTest.maxAbsDifference(expected[i], base[i])).as("the adapters change position %d", i)
                    .isGreaterThan(1e-2);
        }
        // Prefill then one step at a time through a session gives the same last logits.
        DecoderSession session = adapted.newSession();
        session.append(java.util.Arrays.copyOf(tokens, tokens.length - 1));
        float[] stepped = session.append(tokens[tokens.length - 1]);
        assertThat(DecoderReferenceTest.maxAbsDifference(expected[tokens.length - 1], stepped)).isLessThan(1e-4);
    }

    /** Adapters whose B is non-zero, as after training, so they change the model and A gets gradients. */
    private static DecoderAdapters trained(Decoder decoder, LoraSettings settings) {
        DecoderAdapters adapters = DecoderAdapters.create(decoder, settings);
        SplittableRandom random = new SplittableRandom(9);
        for (Tensor parameter : adapters.parameters()) {
            float[] values = parameter.data();
            for (int i = 0; i < values.length; i++) values[i] = (float) (random.nextDouble() * 2 - 1) * 0.5f;
        }
        return adapters;
    }

    @Test
    void adapterGradientsMatchFiniteDifferencesThroughCheckpointedBlocksWithDropout() {
        Decoder decoder = Decoder.load(DecoderReferenceTest.folder("qwen2-bias-f16"), SCALAR);
        DecoderAdapters adapters = trained(decoder, new LoraSettings(2, 4, 0.2f,
                EnumSet.of(DecoderModule.Q_PROJ, DecoderModule.V_PROJ, DecoderModule.O_PROJ, DecoderModule.UP_PROJ,
                        DecoderModule.DOWN_PROJ), 3));
        TrainableDecoder model = new TrainableDecoder(decoder, adapters);
        int[][] tokens = {sequences()[0], sequences()[1]};
        boolean[][] counts = responseMasks(tokens);
        Tape tape = new Tape();
        tape.backward(model.loss(Graph.training(SCALAR, tape, 7, true), tokens, counts));
        SplittableRandom pick = new SplittableRandom(1);
        float h = 1e-2f;
        int checked = 0;
        for (int layer = 0; layer < adapters.layers(); layer++) {
            for (DecoderModule module : adapters.settings().targets()) {
                LoraAdapter adapter = adapters.adapter(layer, module);
                for (Tensor parameter : List.of(adapter.a(), adapter.b())) {
                    float[] analytic = parameter.gradient().clone();
                    for (int n = 0; n < 3; n++) {
                        int i = pick.nextInt(parameter.size());
                        float original = parameter.data()[i];
                        parameter.data()[i] = original + h;
                        double plus = model.loss(Graph.training(SCALAR, new Tape(), 7, true), tokens, counts).data()[0];
                        parameter.data()[i] = original - h;
                        double minus = model.loss(Graph.training(SCALAR, new Tape(), 7, true), tokens, counts).data()[0];
                        parameter.data()[i] = original;
                        double numeric = (plus - minus) / (2 * h);
                        assertThat((double) analytic[i]).as("layer %d %s %s[%d]", layer, module, parameter == adapter.a() ? "A" : "B", i)
                                .isCloseTo(numeric, Offset.offset(2e-3 + 2e-2 * Math.abs(numeric)));
                        if (Math.abs(numeric) > 1e-3) checked++;
                    }
                }
            }
        }
        assertThat(checked).as("gradients large enough to mean something").isGreaterThan(20);
    }

    @Test
    void badBatchesAreRefusedWithTheSequenceNamed() {
        Decoder decoder = Decoder.load(DecoderReferenceTest.folder("llama-gqa-f32"), SCALAR);
        TrainableDecoder model = new TrainableDecoder(decoder, DecoderAdapters.create(decoder, LoraSettings.defaults(1)));
        Graph graph = Graph.training(SCALAR, new Tape(), 1, true);
        assertThatThrownBy(() -> model.loss(graph, new int[][] {{5, 6}}, new boolean[][] {{false, true}}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("counts its last position");
        assertThatThrownBy(() -> model.loss(graph, new int[][] {{5, 600}}, new boolean[][] {{true, false}}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("token id 600 at index 1");
        assertThatThrownBy(() -> model.loss(graph, new int[][] {{5, 6}}, new boolean[][] {{false, false}}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no position");
        assertThatThrownBy(() -> new LoraSettings(0, 16, 0, DecoderModule.ATTENTION, 1))
                .hasMessageContaining("LoRA rank must be >= 1");
        assertThatThrownBy(() -> DecoderModule.ofName("qkv_proj")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj");
    }
}
