package dev.hone.strategy;

import dev.hone.Classifier;
import dev.hone.engine.model.TextEncoder;
import dev.hone.results.OptimizationEvidence;
import java.nio.file.Path;
import java.util.Optional;

/** What a strategy builds: a classifier that can also say how big it is and save itself. */
public interface Candidate extends Classifier {

    /** Weights that training changed (0 for prompt-only routes). */
    long trainableParameters();

    /** Every weight used at prediction time. */
    long totalParameters();

    /**
     * The sentence encoder every prediction goes through (pretrained, or tuned by this candidate);
     * empty for candidates that answer without one (an LLM behind an API).
     */
    default Optional<TextEncoder> encoder() {
        return Optional.empty();
    }

    /**
     * The sentence encoder under this candidate, when it has one of its own (tuned weights or
     * adapters); empty for candidates that use the pretrained encoder as it is.
     */
    default Optional<TextEncoder> tunedEncoder() {
        return Optional.empty();
    }

    /**
     * Work per prediction beyond the encoder's forward pass, in multiply-adds (a k-NN over R references
     * does R × dimension of them). The cost model prices it at the rate of the run's measured forward
     * pass, so candidates on the same encoder differ in serving cost by what they do, never by timing noise.
     */
    default long extraMultiplyAddsPerPrediction() {
        return 0;
    }

    /**
     * Whether the LLM this candidate asks runs in this process ({@code type: local}): its answer time
     * is then CPU time on this machine, which the cost model prices like an encoder's.
     */
    default boolean asksAnLlmInProcess() {
        return false;
    }

    /** Token counts, requests and parse failures, for candidates that ask an LLM; empty for the others. */
    default Optional<LlmUsage> llmUsage() {
        return Optional.empty();
    }

    /** The LLM fine-tuning job behind this candidate ({@code llm-finetune}, hosted or in-process); empty for every other kind. */
    default Optional<LlmFineTune> llmFineTune() {
        return Optional.empty();
    }

    /** How a distilled candidate's training labels were made ({@code distill}); empty for every other kind. */
    default Optional<Distillation> distillation() {
        return Optional.empty();
    }

    /** How this candidate's prompt was optimised ({@code optimize:} on a prompt route); empty for every other candidate. */
    default Optional<OptimizationEvidence> optimization() {
        return Optional.empty();
    }

    /**
     * Money paid to a provider before this candidate could serve, besides CPU time: a hosted
     * fine-tuning job, a teacher's labelling and its own job, a prompt search's requests. The verdict
     * adds it to the training cost.
     */
    default double upfrontUsd() {
        return llmFineTune().map(LlmFineTune::trainingUsd).orElse(0.0) + distillation().map(Distillation::upfrontUsd).orElse(0.0)
                + optimization().map(OptimizationEvidence::usd).orElse(0.0);
    }

    /** Writes whatever {@link CandidateLoader} needs to rebuild this candidate into {@code directory}. */
    void save(Path directory);
}
