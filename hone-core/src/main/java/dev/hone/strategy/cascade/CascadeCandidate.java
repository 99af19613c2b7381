package dev.hone.strategy.cascade;

import dev.hone.Prediction;
import dev.hone.engine.model.TextEncoder;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.ClassifierKind;
import dev.hone.strategy.LlmUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local candidate answers when its top score reaches the threshold; the rest of a batch goes
 * to the remote (LLM) candidate in one call. Usage is blended: tokens per request are the LLM's
 * tokens divided by all predictions, so the cost model prices the mix.
 */
final class CascadeCandidate implements Candidate {

    private final Candidate local;
    private final ClassifierKind<?> localKind;
    private final Candidate remote;
    private final double threshold;
    private final AtomicLong predictions = new AtomicLong();
    private final AtomicLong escalations = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong cached = new AtomicLong();
    private final AtomicLong parseFailures = new AtomicLong();
    private final AtomicLong inputTokens = new AtomicLong();
    private final AtomicLong outputTokens = new AtomicLong();

    CascadeCandidate(Candidate local, ClassifierKind<?> localKind, Candidate remote, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be within [0, 1], got " + threshold);
        this.local = local;
        this.localKind = localKind;
        this.remote = remote;
        this.threshold = threshold;
    }

    Candidate local() {
        return local;
    }

    Candidate remote() {
        return remote;
    }

    double threshold() {
        return threshold;
    }

    /** The local candidate's encoder: the one that answers the confident texts. */
    @Override
    public Optional<TextEncoder> encoder() {
        return local.encoder();
    }

    /** The local candidate's work; the escalated share's LLM cost is priced from its tokens. */
    @Override
    public long extraMultiplyAddsPerPrediction() {
        return local.extraMultiplyAddsPerPrediction();
    }

    @Override
    public List<String> labels() {
        return local.labels();
    }

    @Override
    public List<Prediction> predictBatch(List<String> texts) {
        List<Prediction> result = new ArrayList<>(local.predictBatch(texts));
        List<Integer> unsure = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) if (result.get(i).score() < threshold) unsure.add(i);
        if (!unsure.isEmpty()) {
            LlmUsage before = remote.llmUsage().orElseThrow();
            List<Prediction> answers = remote.predictBatch(unsure.stream().map(texts::get).toList());
            for (int j = 0; j < unsure.size(); j++) result.set(unsure.get(j), answers.get(j));
            // Batches run one at a time per candidate in a run, so the difference is this batch's share.
            LlmUsage after = remote.llmUsage().orElseThrow();
            requests.addAndGet(after.requests() - before.requests());
            cached.addAndGet(after.cachedRequests() - before.cachedRequests());
            parseFailures.addAndGet(after.parseFailures() - before.parseFailures());
            inputTokens.addAndGet(after.inputTokens() - before.inputTokens());
            outputTokens.addAndGet(after.outputTokens() - before.outputTokens());
        }
        predictions.addAndGet(texts.size());
        escalations.addAndGet(unsure.size());
        return result;
    }

    /** Share of predictions handed to the LLM so far. */
    double escalationRate() {
        return predictions.get() == 0 ? 0 : escalations.get() / (double) predictions.get();
    }

    @Override
    public Optional<LlmUsage> llmUsage() {
        LlmUsage r = remote.llmUsage().orElseThrow();
        return Optional.of(new LlmUsage(r.provider(), r.model(), predictions.get(), requests.get(),
                Math.min(parseFailures.get(), predictions.get()), inputTokens.get(), outputTokens.get(), cached.get(), r.promptSha256(),
                r.usdPerMillionInput(), r.usdPerMillionOutput(), escalations.get(), Double.NaN, Double.NaN));
    }

    /** Both parts must exist to serve: an llm-finetune remote brings the price of its job. */
    @Override
    public double upfrontUsd() {
        return local.upfrontUsd() + remote.upfrontUsd();
    }

    @Override
    public long trainableParameters() {
        return local.trainableParameters();
    }

    @Override
    public long totalParameters() {
        return local.totalParameters();
    }

    @Override
    public Optional<TextEncoder> tunedEncoder() {
        return local.tunedEncoder();
    }

    /** Both parts in subfolders, and {@code cascade.json} with the threshold and the parts' kinds. */
    @Override
    public void save(Path directory) {
        local.save(directory.resolve("local"));
        remote.save(directory.resolve("remote"));
        try {
            Files.createDirectories(directory);
            Json.PRETTY.writeValue(directory.resolve("cascade.json").toFile(),
                    Json.MAPPER.createObjectNode().put("threshold", threshold).put("local_kind", localKind.id()));
        } catch (IOException e) {
            throw new HoneException("cannot write " + directory.resolve("cascade.json") + ": " + e.getMessage(), e);
        }
    }
}
