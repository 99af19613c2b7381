package dev.hone.results;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code retrieval}: a search mode's ranking metrics over the judged queries, and every query's documents. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RetrievalEvidence(String mode, int k, int queries, double recallAtK, double mrr, double ndcgAtK,
                                List<QueryOutcome> perQuery) implements Evidence {

    /** One judged query: the documents judged relevant and those retrieved, in rank order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record QueryOutcome(String query, List<String> relevant, List<String> retrieved, double recallAtK,
                               double reciprocalRank, double ndcgAtK) {
    }
}
