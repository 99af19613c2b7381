package dev.hone.engine.train;

import dev.hone.engine.model.EncoderInfo;
import dev.hone.engine.model.SentenceEmbedder;
import dev.hone.engine.model.TunedEncoder;
import dev.hone.engine.tensor.Tensor;
import dev.hone.engine.tokenizer.TokenBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * SetFit's first stage: tunes the encoder (LoRA or full) so the cosine of each pair's
 * embeddings approaches its target (1 same class, 0 different), with CosineSimilarityLoss.
 */
public final class ContrastiveTrainer {
    private final EncoderInfo info;
    private final SentenceEmbedder base;
    private final FineTuneOptions options;
    private final TrainingListener listener;

    public ContrastiveTrainer(EncoderInfo info, SentenceEmbedder base, FineTuneOptions options, TrainingListener listener) {
        this.info = info;
        this.base = base;
        this.options = options;
        this.listener = listener;
    }

    public TunedEncoder train(List<SentencePair> pairs) {
        if (pairs.isEmpty()) throw new IllegalArgumentException("no sentence pairs to train on");
        if (options.method() == TuningMethod.HEAD) {
            throw new IllegalArgumentException("contrastive tuning changes the encoder: method must be LORA or FULL, got HEAD");
        }
        TunedBertEncoder encoder = new TunedBertEncoder(info,
                base.withModel(ClassifierTrainer.tunableModel(base.model(), options)), options);
        List<Tensor> parameters = ClassifierTrainer.trainableParameters(encoder.embedder().model(), null);
        float[] peakRates = new float[parameters.size()];
        java.util.Arrays.fill(peakRates, options.learningRate());
        AdamW optimizer = new AdamW(parameters, options.weightDecay());
        int batchesPerEpoch = (pairs.size() + options.batchSize() - 1) / options.batchSize();
        LearningRateSchedule schedule = LearningRateSchedule.linear((long) batchesPerEpoch * options.epochs(),
                options.warmupFraction());
        long started = System.nanoTime();
        long step = 0;
        // Batching by the pair's combined length keeps both halves' padding small.
        List<String> combined = pairs.stream().map(p -> p.first() + p.second()).toList();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            for (int[] batch : Batches.lengthBucketed(combined, options.batchSize(), options.seed() * 1_000_003L + epoch)) {
                List<String> first = new ArrayList<>();
                List<String> second = new ArrayList<>();
                float[] targets = new float[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    SentencePair pair = pairs.get(batch[i]);
                    first.add(pair.first());
                    second.add(pair.second());
                    targets[i] = pair.similarity();
                }
                TokenBatch a = base.tokenizer().encode(first);
                TokenBatch b = base.tokenizer().encode(second);
                float loss = Batches.backwardInPasses(base.kernels(), options.seed(), step, batch.length,
                        a.length() + b.length(), (graph, from, to) -> graph.cosineSimilarityLoss(
                                encoder.embedder().embed(graph, a.rows(from, to)),       // (rows, hidden)
                                encoder.embedder().embed(graph, b.rows(from, to)),       // (rows, hidden)
                                java.util.Arrays.copyOfRange(targets, from, to)));
                optimizer.clipGradients(options.maxGradientNorm());
                optimizer.step(Batches.scaled(peakRates, schedule.factor(step)));
                optimizer.zeroGradients();
                step++;
                listener.onStep(new TrainingProgress(epoch, options.epochs(), step, schedule.totalSteps(),
                        loss, (System.nanoTime() - started) / 1e9));
            }
        }
        parameters.forEach(Tensor::releaseGradient);
        return encoder.frozen();
    }
}
