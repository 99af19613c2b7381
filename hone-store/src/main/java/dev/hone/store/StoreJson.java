package dev.hone.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.json.Json;

/**
 * The one place the history's JSON output is spelt: a line of {@code hone runs --json} and the
 * object {@code hone compare --json} prints. Field names are a contract for CI scripts: add
 * fields freely, never rename these.
 */
public final class StoreJson {
    private StoreJson() {
    }

    /** One run as one line: id, task, kind, started_at, finished_at, status, model, recommended, recommended_accuracy (the recommended candidate's primary metric), metric, out. */
    public static String runLine(RunSummary summary) {
        RunRow r = summary.run();
        ObjectNode line = Json.MAPPER.createObjectNode().put("id", r.id()).put("task", r.task()).put("kind", r.kind())
                .put("started_at", r.startedAt()).put("finished_at", r.finishedAt()).put("status", r.status())
                .put("model", r.model()).put("recommended", r.recommended()).put("recommended_accuracy", summary.recommendedScore())
                .put("metric", r.primaryMetric()).put("out", r.out());
        return line.toString();
    }

    /** {@code {"a", "b", "same_test_set", "candidates": [{"name", "accuracy_a", "accuracy_b", "delta", "p_value", …}], "config_diff", …}}. */
    public static String comparison(RunComparison c) {
        ObjectNode root = Json.MAPPER.createObjectNode().put("a", c.a()).put("b", c.b()).put("task", c.task())
                .put("same_test_set", c.sameTestSet()).put("metric", c.metric()).put("recommended_a", c.recommendedA())
                .put("recommended_b", c.recommendedB()).put("paired_on", c.pairedOn()).put("no_p_values", c.noPValues());
        ArrayNode candidates = root.putArray("candidates");
        for (RunComparison.CandidateDelta d : c.candidates()) {
            candidates.addObject().put("name", d.name()).put("accuracy_a", d.scoreA()).put("accuracy_b", d.scoreB())
                    .put("delta", d.delta()).put("p_value", d.pValue()).put("only_a_right", d.onlyARight())
                    .put("only_b_right", d.onlyBRight()).put("monthly_cost_usd_a", d.monthlyCostA())
                    .put("monthly_cost_usd_b", d.monthlyCostB()).put("monthly_cost_delta", d.monthlyCostDelta())
                    .put("per_request_usd_a", d.perRequestA()).put("per_request_usd_b", d.perRequestB())
                    .put("no_p_value", d.noPValue());
        }
        c.onlyInA().forEach(root.putArray("only_in_a")::add);
        c.onlyInB().forEach(root.putArray("only_in_b")::add);
        root.put("config_diff", c.configDiff());
        ArrayNode prompts = root.putArray("prompt_changes");
        for (RunComparison.PromptChange p : c.promptChanges()) {
            prompts.addObject().put("candidate", p.candidate()).put("sha256_a", p.sha256A()).put("sha256_b", p.sha256B())
                    .put("diff", p.diff());
        }
        root.put("regression", c.regression().map(RunComparison.CandidateDelta::name).orElse(null));
        return root.toPrettyString();
    }

    /**
     * A task over time, as the dashboard's {@code /api/task} gives it: {@code {"task", "history": [{"id", "started_at", "status",
     * "metric", "recommended", "recommended_accuracy", "monthly_cost_usd"}], "prompts": [{"sha256", "text", "first_used",
     * "last_used", "runs", "latest_score", "best_score", "uses": [{"id", "candidate", "score"}]}]}}.
     */
    public static String task(String task, java.util.List<HistoryPoint> history, java.util.List<TaskPrompt> prompts) {
        ObjectNode root = Json.MAPPER.createObjectNode().put("task", task);
        ArrayNode points = root.putArray("history");
        for (HistoryPoint p : history) {
            points.addObject().put("id", p.runId()).put("started_at", p.startedAt()).put("status", p.status()).put("metric", p.metric())
                    .put("recommended", p.recommended()).put("recommended_accuracy", p.score()).put("monthly_cost_usd", p.monthlyCostUsd());
        }
        ArrayNode versions = root.putArray("prompts");
        for (TaskPrompt p : prompts) {
            ObjectNode version = versions.addObject().put("sha256", p.sha256()).put("text", p.text()).put("first_used", p.firstSeen())
                    .put("last_used", p.lastSeen()).put("runs", p.runs()).put("latest_score", p.latestScore())
                    .put("best_score", p.bestScore());
            ArrayNode uses = version.putArray("uses");
            for (TaskPrompt.Use u : p.uses()) uses.addObject().put("id", u.runId()).put("candidate", u.candidate()).put("score", u.score());
        }
        return root.toPrettyString();
    }
}
