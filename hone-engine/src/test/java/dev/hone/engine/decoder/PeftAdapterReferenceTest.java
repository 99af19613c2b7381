package dev.hone.engine.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.engine.kernel.Kernels;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Adapters in PEFT's layout, written by lora_reference.py with PyTorch's logits of the base weights
 * merged as PEFT merges them (W + (alpha/r)·B·A): Hone loads them with {@link PeftAdapterFolder} and
 * applies them unmerged, in inference and on the training path, and must give the same logits.
 */
class PeftAdapterReferenceTest {
    private static final List<String> ADAPTERS = List.of("qwen2-bias-f16-lora", "llama3-rope-bf16-lora");
    private static final double TOLERANCE = 1e-4;

    static Stream<Arguments> adaptersOnBothKernels() {
        return KernelKinds.onBoth(ADAPTERS);
    }

    private static Kernels kernels(String which) {
        return KernelKinds.named(which);
    }

    @ParameterizedTest(name = "{0} on {1} kernels")
    @MethodSource("adaptersOnBothKernels")
    void adaptedLogitsMatchPyTorchOnTheMergedWeights(String adapter, String kernels) {
        DecoderReferenceTest.Reference reference = DecoderReferenceTest.Reference.read(adapter);
        String baseName = PeftAdapterFolder.baseModel(DecoderReferenceTest.folder(adapter));
        Decoder base = Decoder.load(DecoderReferenceTest.folder(baseName), kernels(kernels));
        DecoderAdapters adapters = PeftAdapterFolder.load(DecoderReferenceTest.folder(adapter), base);

        float[][] inference = base.withAdapters(adapters).logits(reference.prompt());
        float[][] training = new TrainableDecoder(base, adapters).logits(reference.prompt());
        float[][] unadapted = base.logits(reference.prompt());
        int[] positions = reference.positions();
        for (int i = 0; i < positions.length; i++) {
            float[] expected = reference.logitsAt(i);
            assertThat(DecoderReferenceTest.maxAbsDifference(expected, inference[positions[i]]))
                    .as("inference, position %d", positions[i]).isLessThan(TOLERANCE);
            assertThat(DecoderReferenceTest.maxAbsDifference(expected, training[positions[i]]))
                    .as("training path, position %d", positions[i]).isLessThan(TOLERANCE);
        }
        assertThat(DecoderReferenceTest.maxAbsDifference(reference.logitsAt(positions.length - 1), unadapted[positions[positions.length - 1]]))
                .as("the adapter changes the logits").isGreaterThan(0.1);
    }
}
