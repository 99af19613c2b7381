package dev.hone.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** A retrieval run's leaderboard as plain text, from its results document: one row per search mode. */
public final class RetrievalLeaderboard {
    private RetrievalLeaderboard() {
    }

    public static String format(JsonNode results) {
        StringBuilder table = new StringBuilder();
        String recommended = results.path("decision").path("recommended").asText("");
        int k = results.path("config").path("retrieval").path("k").asInt();
        table.append(String.format(Locale.ROOT, "  %-10s %10s %8s %10s %8s %8s%n", "mode", "recall@" + k, "MRR", "nDCG@" + k,
                "p50 ms", "p95 ms"));
        for (JsonNode c : results.path("candidates")) {
            JsonNode r = c.path("retrieval");
            table.append(String.format(Locale.ROOT, "%s %-10s %10.3f %8.3f %10.3f %8.1f %8.1f%n",
                    c.path("name").asText().equals(recommended) ? "*" : " ", c.path("name").asText(),
                    r.path("recall_at_k").asDouble(), r.path("mrr").asDouble(), r.path("ndcg_at_k").asDouble(),
                    c.path("latency_ms_p50").asDouble(), c.path("latency_ms_p95").asDouble()));
        }
        table.append(recommended.isEmpty() ? "no recommendation: " : "* recommended: ")
                .append(results.path("decision").path("reason").asText()).append('\n');
        return table.toString();
    }
}
