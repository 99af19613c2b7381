package dev.hone.optimize;

import dev.hone.Prediction;
import dev.hone.engine.model.TextEncoder;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import dev.hone.results.OptimizationEvidence;
import dev.hone.results.ResultsJson;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.Distillation;
import dev.hone.strategy.LlmFineTune;
import dev.hone.strategy.LlmUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A candidate built with the prompt a search chose, carrying the search's record. It predicts,
 * costs and saves exactly as the candidate it wraps — whose saved artifact already holds the chosen
 * prompt, so {@code Hone.load} and {@code hone serve} rebuild the optimised candidate with the
 * kind's own loader — and adds {@value #FILE} beside the artifact (every trial, for the record).
 */
public final class OptimizedCandidate implements Candidate {
    /** The search's record in a saved candidate folder; nothing reads it to rebuild the candidate. */
    public static final String FILE = "optimization.json";

    private final Candidate optimised;
    private final OptimizationEvidence evidence;

    public OptimizedCandidate(Candidate optimised, OptimizationEvidence evidence) {
        this.optimised = optimised;
        this.evidence = evidence;
    }

    @Override
    public Optional<OptimizationEvidence> optimization() {
        return Optional.of(evidence);
    }

    @Override
    public List<String> labels() {
        return optimised.labels();
    }

    @Override
    public List<Prediction> predictBatch(List<String> texts) {
        return optimised.predictBatch(texts);
    }

    @Override
    public long trainableParameters() {
        return optimised.trainableParameters();
    }

    @Override
    public long totalParameters() {
        return optimised.totalParameters();
    }

    @Override
    public Optional<TextEncoder> encoder() {
        return optimised.encoder();
    }

    @Override
    public Optional<TextEncoder> tunedEncoder() {
        return optimised.tunedEncoder();
    }

    @Override
    public long extraMultiplyAddsPerPrediction() {
        return optimised.extraMultiplyAddsPerPrediction();
    }

    @Override
    public boolean asksAnLlmInProcess() {
        return optimised.asksAnLlmInProcess();
    }

    @Override
    public Optional<LlmUsage> llmUsage() {
        return optimised.llmUsage();
    }

    @Override
    public Optional<LlmFineTune> llmFineTune() {
        return optimised.llmFineTune();
    }

    @Override
    public Optional<Distillation> distillation() {
        return optimised.distillation();
    }

    @Override
    public void save(Path directory) {
        optimised.save(directory);
        Path file = directory.resolve(FILE);
        try {
            Files.createDirectories(directory);
            Json.PRETTY.writeValue(file.toFile(), ResultsJson.toTree(evidence));
        } catch (IOException e) {
            throw new HoneException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
