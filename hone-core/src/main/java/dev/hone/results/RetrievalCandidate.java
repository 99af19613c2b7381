package dev.hone.results;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One search mode of a retrieval run (dense, bm25, hybrid). {@code trainSeconds} is the shared indexing time. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RetrievalCandidate(String name, String kind, Double latencyMsP50, Double latencyMsP95, Double throughputPerS,
                                 double trainSeconds, long trainableParameters, long totalParameters,
                                 RetrievalEvidence retrieval) implements CandidateResults {
}
