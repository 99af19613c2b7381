package dev.hone.engine.train;

import dev.hone.engine.model.EncoderInfo;
import dev.hone.engine.model.EncoderSource;
import dev.hone.engine.model.SentenceEmbedder;
import dev.hone.engine.model.TunedEncoder;
import dev.hone.engine.nn.BertModel;
import dev.hone.engine.tensor.Tensor;
import dev.hone.engine.weights.LoraAdapterConfig;
import dev.hone.engine.weights.NamedTensor;
import dev.hone.engine.weights.TunedCheckpoint;
import dev.hone.error.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tuned encoders and classifiers to and from their saved form, a {@link TunedCheckpoint}: which
 * weights of a trained model are saved, and how a saved folder becomes a model to serve (on the
 * base encoder it was tuned from, LoRA merged and weights packed by {@link TunedBertEncoder#frozen()}).
 */
public final class TunedArtifacts {

    private TunedArtifacts() {
    }

    static void saveClassifier(Path directory, HeadClassifier classifier) {
        if (!(classifier.encoder() instanceof TunedBertEncoder tuned)) {
            throw new IllegalArgumentException("only classifiers over Hone encoders can be saved");
        }
        saveEncoder(directory, tuned).writeHead(classifier.head().toWeights());
    }

    static TunedCheckpoint saveEncoder(Path directory, TunedBertEncoder encoder) {
        FineTuneOptions options = encoder.options();
        String baseModel = encoder.info().name();
        EncoderSource source = encoder.embedder().source();
        // Weights and adapters are saved under the base architecture's own names (MPNet's attention.attn.q).
        Map<String, Tensor> hfNamed = hfNamed(encoder.embedder().model().namedParameters(), source);
        return switch (options.method()) {
            case HEAD -> TunedCheckpoint.writeHeadOnly(directory, baseModel);
            case LORA -> TunedCheckpoint.writeLora(directory, baseModel, source.hubId(), adapterConfig(options, source), hfNamed);
            case FULL -> {
                TunedCheckpoint checkpoint = TunedCheckpoint.writeFull(directory, baseModel, hfNamed);
                source.writeSentenceTransformersFiles(directory, encoder.info().dimension());
                yield checkpoint;
            }
        };
    }

    private static LoraAdapterConfig adapterConfig(FineTuneOptions options, EncoderSource source) {
        return new LoraAdapterConfig(options.loraRank(), options.loraAlpha(), options.loraDropout(),
                options.loraTargets().stream().map(target -> source.hfModuleName(target.moduleName())).toList());
    }

    private static Map<String, Tensor> hfNamed(Map<String, Tensor> parameters, EncoderSource source) {
        Map<String, Tensor> hfNamed = new LinkedHashMap<>();
        parameters.forEach((name, tensor) -> hfNamed.put(source.hfName(name), tensor));
        return hfNamed;
    }

    public static TunedClassifier loadClassifier(Path directory, EncoderInfo info, SentenceEmbedder base) {
        TunedCheckpoint checkpoint = TunedCheckpoint.read(directory);
        TunedEncoder encoder = loadEncoder(checkpoint, info, base);
        SoftmaxHead softmax = SoftmaxHead.fromWeights(checkpoint.head());
        return new HeadClassifier(encoder, softmax, base.kernels(), softmax.weight().size() + softmax.bias().size());
    }

    public static TunedEncoder loadEncoder(Path directory, EncoderInfo info, SentenceEmbedder base) {
        return loadEncoder(TunedCheckpoint.read(directory), info, base);
    }

    private static TunedEncoder loadEncoder(TunedCheckpoint checkpoint, EncoderInfo info, SentenceEmbedder base) {
        if (!checkpoint.baseModel().equals(info.name())) {
            throw new BadInputException(checkpoint.directory() + " was tuned from '" + checkpoint.baseModel()
                    + "' but is being loaded on '" + info.name() + "'");
        }
        TuningMethod method = switch (checkpoint.method()) {
            case HEAD -> TuningMethod.HEAD;
            case LORA -> TuningMethod.LORA;
            case FULL -> TuningMethod.FULL;
        };
        FineTuneOptions options = FineTuneOptions.defaults(method);
        BertModel model = base.model();
        if (method == TuningMethod.LORA) {
            LoraAdapterConfig config = checkpoint.loraConfig();
            List<String> modules = config.targetModules().stream().map(base.source()::bertModuleName).toList();
            List<LoraTarget> targets = new ArrayList<>();
            for (LoraTarget target : LoraTarget.values()) if (modules.contains(target.moduleName())) targets.add(target);
            options = new FineTuneOptions(method, config.rank(), config.alpha(),
                    0f, Set.copyOf(targets), 1, 1, 1e-4f, 1e-3f, 0f, 0f, 1f, 0, 0L);
            model = model.withLora(modules, options.loraRank(), options.loraAlpha(), 0f, 0L);
            checkpoint.readLoraAdaptersInto(hfNamed(model.namedParameters(), base.source()));
        } else if (method == TuningMethod.FULL) {
            Map<String, NamedTensor> weights = new LinkedHashMap<>();
            checkpoint.encoderWeights().forEach((name, tensor) -> {
                String bertName = base.source().bertName(name);
                if (bertName != null) weights.put(bertName, tensor);
            });
            model = BertModel.fromWeights(model.config(), weights, false);
        }
        return new TunedBertEncoder(info, base.withModel(model), options).frozen();
    }
}
