package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * results.json of a generation run: input → reference pairs answered by LLM routes.
 *
 * @param documents the knowledge bases rag candidates retrieved from (empty when none)
 * @param judge     the LLM judge that graded the answers; null when none was configured
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerationResults(int formatVersion, Task task, String model, Dataset dataset, List<KnowledgeBase> documents,
                                JsonNode config, Provenance provenance, Judge judge, List<GeneratorResult> candidates,
                                Decision decision) implements RunResults {

    public GenerationResults {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    /** {@code dataset}: the pair files ({@code test} says so when it was carved from train) and their sizes. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Dataset(String train, String test, String sha256, int trainPairs, int validationPairs, int testPairs,
                          int skippedRows) {
    }

    /** One knowledge base behind the rag candidates; the indexing figures are absent when it was reused as it was. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KnowledgeBase(String folder, String knowledgeBase, int chunks, int chunkTokens, int overlap,
                                Integer indexedFiles, Double indexSeconds, List<RetrievalResults.SkippedFile> skipped) {
    }

    /** {@code judge}: the grading LLM, its scale and rubric, and what grading took. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Judge(String provider, String model, String scale, String rubric, long graded, long parseFailures,
                        long inputTokens, long outputTokens) {
    }
}
