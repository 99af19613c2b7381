package dev.hone.engine.train;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.model.TextEncoder;
import java.nio.file.Path;
import java.util.List;

/** Any encoder (frozen or tuned) with a softmax head on its sentence embeddings. */
final class HeadClassifier implements TunedClassifier {
    private final TextEncoder encoder;
    private final SoftmaxHead head;
    private final Kernels kernels;
    private final long trainableParameters;

    HeadClassifier(TextEncoder encoder, SoftmaxHead head, Kernels kernels, long trainableParameters) {
        this.encoder = encoder;
        this.head = head;
        this.kernels = kernels;
        this.trainableParameters = trainableParameters;
    }

    SoftmaxHead head() {
        return head;
    }

    @Override
    public float[][] probabilities(List<String> texts) {
        return head.probabilities(encoder.embed(texts), kernels);
    }

    @Override
    public TextEncoder encoder() {
        return encoder;
    }

    @Override
    public long trainableParameters() {
        return trainableParameters;
    }

    @Override
    public long totalParameters() {
        long adapters = encoder instanceof TunedBertEncoder tuned && tuned.options().method() == TuningMethod.LORA
                ? tuned.trainableParameters() : 0;
        return encoder.info().parameters() + adapters + head.weight().size() + head.bias().size();
    }

    @Override
    public void save(Path directory) {
        TunedArtifacts.saveClassifier(directory, this);
    }
}
