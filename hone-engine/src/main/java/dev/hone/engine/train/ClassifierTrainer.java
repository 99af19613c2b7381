package dev.hone.engine.train;

import dev.hone.engine.model.EncoderInfo;
import dev.hone.engine.model.SentenceEmbedder;
import dev.hone.engine.nn.BertModel;
import dev.hone.engine.tensor.Tensor;
import dev.hone.engine.tokenizer.TokenBatch;
import dev.hone.engine.weights.NamedTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fine-tunes an encoder (LoRA or full) jointly with a softmax head, or fits a head alone. */
public final class ClassifierTrainer {
    private final EncoderInfo info;
    private final SentenceEmbedder base;
    private final FineTuneOptions options;
    private final TrainingListener listener;

    public ClassifierTrainer(EncoderInfo info, SentenceEmbedder base, FineTuneOptions options, TrainingListener listener) {
        this.info = info;
        this.base = base;
        this.options = options;
        this.listener = listener;
    }

    public TunedClassifier train(LabelledTexts train, LabelledTexts validation, int numberOfClasses) {
        if (train.size() == 0) throw new IllegalArgumentException("no training texts");
        if (options.method() == TuningMethod.HEAD) {
            TunedBertEncoder frozen = new TunedBertEncoder(info, base, options);
            return HeadTrainer.train(frozen, train, numberOfClasses, options, listener);
        }
        TunedBertEncoder encoder = new TunedBertEncoder(info, base.withModel(tunableModel(base.model(), options)), options);
        SoftmaxHead head = linearProbe(train, numberOfClasses);
        List<Tensor> parameters = trainableParameters(encoder.embedder().model(), head);
        float[] peakRates = new float[parameters.size()];
        for (int p = 0; p < parameters.size(); p++) {
            boolean isHead = p >= parameters.size() - 2;
            peakRates[p] = isHead ? options.headLearningRate() : options.learningRate();
        }
        AdamW optimizer = new AdamW(parameters, options.weightDecay());
        int batchesPerEpoch = (train.size() + options.batchSize() - 1) / options.batchSize();
        LearningRateSchedule schedule = LearningRateSchedule.linear((long) batchesPerEpoch * options.epochs(),
                options.warmupFraction());
        boolean earlyStopping = validation != null && validation.size() > 0 && options.patience() > 0;
        double bestAccuracy = -1;
        float[][] bestValues = null;
        int epochsWithoutImprovement = 0;
        long started = System.nanoTime();
        long step = 0;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            for (int[] batch : Batches.lengthBucketed(train.texts(), options.batchSize(), options.seed() * 1_000_003L + epoch)) {
                TokenBatch tokens = base.tokenizer().encode(Batches.texts(train, batch));
                int[] labels = Batches.labels(train, batch);
                float loss = Batches.backwardInPasses(base.kernels(), options.seed(), step, batch.length, tokens.length(),
                        (graph, from, to) -> graph.crossEntropy(head.logits(graph, encoder.embedder().embed(graph,
                                tokens.rows(from, to))), java.util.Arrays.copyOfRange(labels, from, to)));
                optimizer.clipGradients(options.maxGradientNorm());
                optimizer.step(Batches.scaled(peakRates, schedule.factor(step)));
                optimizer.zeroGradients();
                step++;
                listener.onStep(new TrainingProgress(epoch, options.epochs(), step, schedule.totalSteps(),
                        loss, (System.nanoTime() - started) / 1e9));
            }
            if (earlyStopping) {
                double accuracy = accuracy(new HeadClassifier(encoder, head, base.kernels(), 0), validation);
                if (accuracy > bestAccuracy) {
                    bestAccuracy = accuracy;
                    bestValues = snapshot(parameters);
                    epochsWithoutImprovement = 0;
                } else if (++epochsWithoutImprovement >= options.patience()) {
                    break;
                }
            }
        }
        if (bestValues != null) restore(parameters, bestValues);
        parameters.forEach(Tensor::releaseGradient);
        long trainable = 0;
        for (Tensor t : parameters) trainable += t.size();
        return new HeadClassifier(encoder.frozen(), head, base.kernels(), trainable);
    }

    /**
     * The head's starting point: logistic regression on the frozen encoder's embeddings (linear
     * probing, then fine-tuning: Kumar et al., 2022). A random head sends the first encoder updates
     * after noise and, with a few examples per class, training ends before it recovers; a fitted
     * head gives useful gradients from step one and distorts the pretrained features less.
     */
    private SoftmaxHead linearProbe(LabelledTexts train, int numberOfClasses) {
        FineTuneOptions probe = FineTuneOptions.defaults(TuningMethod.HEAD).withSeed(options.seed());
        return HeadTrainer.fit(base.embed(train.texts()), train.labels(), numberOfClasses, probe, base.kernels(),
                progress -> { });
    }

    /** LoRA: adapters on the frozen base; FULL: a trainable copy of every weight. */
    static BertModel tunableModel(BertModel model, FineTuneOptions options) {
        if (options.method() == TuningMethod.FULL) {
            Map<String, NamedTensor> weights = new java.util.LinkedHashMap<>();
            model.namedParameters().forEach((name, t) -> weights.put(name, new NamedTensor(name, t.shape(), t.data())));
            return BertModel.fromWeights(model.config(), weights, true);
        }
        List<String> targets = options.loraTargets().stream().map(LoraTarget::moduleName).toList();
        return model.withLora(targets, options.loraRank(), options.loraAlpha(), options.loraDropout(), options.seed());
    }

    /** The model's trainable tensors, then the head's weight and bias (last two). */
    static List<Tensor> trainableParameters(BertModel model, SoftmaxHead head) {
        List<Tensor> parameters = new ArrayList<>();
        for (Tensor t : model.namedParameters().values()) if (t.requiresGradient()) parameters.add(t);
        if (head != null) {
            parameters.add(head.weight());
            parameters.add(head.bias());
        }
        return parameters;
    }

    static double accuracy(TunedClassifier classifier, LabelledTexts data) {
        float[][] probabilities = classifier.probabilities(data.texts());
        int correct = 0;
        for (int i = 0; i < probabilities.length; i++) {
            int best = 0;
            for (int c = 1; c < probabilities[i].length; c++) if (probabilities[i][c] > probabilities[i][best]) best = c;
            if (best == data.labels()[i]) correct++;
        }
        return correct / (double) data.size();
    }

    private static float[][] snapshot(List<Tensor> parameters) {
        float[][] values = new float[parameters.size()][];
        for (int i = 0; i < values.length; i++) values[i] = parameters.get(i).data().clone();
        return values;
    }

    private static void restore(List<Tensor> parameters, float[][] values) {
        for (int i = 0; i < values.length; i++) System.arraycopy(values[i], 0, parameters.get(i).data(), 0, values[i].length);
    }
}
