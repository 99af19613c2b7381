package dev.hone.config;

/**
 * What a run of each task kind runs on and compares: labelled examples and strategies
 * ({@link ClassificationSetup}), documents and judged queries ({@link RetrievalConfig}), or
 * input → reference pairs and generation strategies ({@link GenerationConfig}). A run's pipeline
 * is chosen by a {@code switch} over it.
 */
public sealed interface TaskSetup permits ClassificationSetup, RetrievalConfig, GenerationConfig {
}
