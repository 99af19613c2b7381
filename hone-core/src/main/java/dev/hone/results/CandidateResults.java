package dev.hone.results;

/**
 * What every candidate of every task kind reports: the contract's per-candidate fields. The
 * evidence particular to a kind (accuracy, retrieval metrics, generated answers, LLM usage,
 * fine-tuning jobs) lives in the implementing record.
 */
public sealed interface CandidateResults permits ClassifierResult, RetrievalCandidate, GeneratorResult {
    String name();

    /** The strategy kind's id ({@code lora}, {@code llm-zero-shot}, …; {@code retrieval} for a search mode). */
    String kind();

    /** Null when not measured (an LLM candidate whose every answer came from the cache of an older run). */
    Double latencyMsP95();

    Double throughputPerS();

    double trainSeconds();

    long trainableParameters();

    long totalParameters();
}
