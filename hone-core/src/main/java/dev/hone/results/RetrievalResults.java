package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** results.json of a retrieval run: the indexed documents and judged queries instead of a labelled dataset. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetrievalResults(int formatVersion, Task task, String model, Documents documents, Queries queries,
                               JsonNode config, Provenance provenance, List<RetrievalCandidate> candidates,
                               Decision decision) implements RunResults {

    public RetrievalResults {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /** {@code documents}: the folder indexed and what indexing did with it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Documents(String folder, int indexedFiles, int unchangedFiles, int removedFiles, int chunks,
                            double indexSeconds, List<SkippedFile> skipped) {
    }

    /** A document that could not be indexed, and why. */
    public record SkippedFile(String source, String reason) {
    }

    /** {@code queries}: the judged queries file. */
    public record Queries(String file, int count, String sha256) {
    }

    /** {@code config.retrieval.k}: how many documents each query retrieves (0 when the config has none). */
    @JsonIgnore
    public int k() {
        return config == null ? 0 : config.path("retrieval").path("k").asInt();
    }
}
