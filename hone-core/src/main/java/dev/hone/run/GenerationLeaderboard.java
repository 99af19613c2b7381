package dev.hone.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** A generation run's leaderboard as plain text, from its results document: one row per candidate, test figures. */
public final class GenerationLeaderboard {
    private GenerationLeaderboard() {
    }

    public static String format(JsonNode results) {
        StringBuilder table = new StringBuilder();
        String recommended = results.path("decision").path("recommended").asText("");
        table.append(String.format(Locale.ROOT, "  %-18s %-13s %7s %7s %7s %7s %7s %8s %11s%n", "candidate", "kind", "EM", "F1", "json",
                "judge", "cited", "p95 ms", "$/answer"));
        for (JsonNode c : results.path("candidates")) {
            JsonNode g = c.path("generation");
            table.append(String.format(Locale.ROOT, "%s %-18s %-13s %7s %7s %7s %7s %7s %8.0f %11.6f%n",
                    c.path("name").asText().equals(recommended) ? "*" : " ", c.path("name").asText(), c.path("kind").asText(),
                    figure(g.path("exact_match")), figure(g.path("token_f1")), figure(g.path("json_valid_rate")),
                    figure(g.path("judge_score")), figure(g.path("citation_rate")), c.path("latency_ms_p95").asDouble(),
                    c.path("usd_per_prediction").asDouble()));
        }
        table.append(recommended.isEmpty() ? "no recommendation: " : "* recommended: ")
                .append(results.path("decision").path("reason").asText()).append('\n');
        return table.toString();
    }

    private static String figure(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.3f", value.asDouble()) : "–";
    }
}
