package dev.hone.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.results.ClassificationResults;
import dev.hone.results.ResultsJson;
import dev.hone.strategy.StrategyKinds;
import org.junit.jupiter.api.Test;

class ClassificationVerdictTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 100;

    /** 100 test and 100 validation examples, all labelled "a". */
    private static ObjectNode results(double floor, double budgetMs) {
        return results(floor, budgetMs, N);
    }

    private static ObjectNode results(double floor, double budgetMs, int n) {
        ObjectNode r = JSON.createObjectNode();
        ObjectNode d = r.putObject("config").putObject("decision");
        d.put("monthly_requests", 10_000).put("accuracy_floor", floor).put("latency_budget_ms", budgetMs)
                .put("cpu_hour_usd", 0.05).put("tie_margin", 0.02);
        r.putObject("provenance").put("host_cores", 2).put("seed", 42);
        r.putObject("selection").put("folds", 0);
        ObjectNode ex = r.putObject("examples");
        for (String split : new String[] {"test", "validation"}) {
            ArrayNode a = ex.putArray(split);
            for (int i = 0; i < n; i++) {
                a.addObject().put("text", "t" + i).put("label", "a");
            }
        }
        r.putArray("candidates");
        return r;
    }

    /** A candidate right on the first {@code testRight} test and {@code valRight} validation examples. */
    private static ObjectNode add(ObjectNode r, String name, String kind, int testRight, int valRight, double p95) {
        int n = r.at("/examples/test").size();
        ObjectNode c = ((ArrayNode) r.get("candidates")).addObject();
        c.put("name", name).put("kind", kind).put("accuracy", testRight / (double) n)
                .put("validation_accuracy", valRight / (double) n).put("latency_ms_p95", p95)
                .put("cpu_seconds_per_1000", 0.0).put("train_seconds", kind.equals("zero-shot") ? 0 : 3600)
                .put("prompt_only", StrategyKinds.byId(kind).promptOnly());
        ArrayNode t = c.putArray("test_predictions");
        ArrayNode v = c.putArray("validation_predictions");
        for (int i = 0; i < n; i++) {
            t.add(i < testRight ? "a" : "b");
            v.add(i < valRight ? "a" : "b");
        }
        return c;
    }

    /**
     * The verdict on the typed results read from {@code r}, its decision and statistics written back into
     * {@code r}, so the assertions read the JSON a run writes.
     */
    private static void decide(ObjectNode r) {
        var results = (ClassificationResults) ResultsJson.fromTree(r, "test results");
        var d = r.get("config").get("decision");
        var cost = new CostModel(d.get("monthly_requests").asDouble(), d.get("accuracy_floor").asDouble(),
                d.get("latency_budget_ms").asDouble(), Double.NaN, d.get("cpu_hour_usd").asDouble(),
                r.get("provenance").get("host_cores").asInt(), d.get("tie_margin").asDouble());
        ObjectNode decided = ResultsJson.toTree(ClassificationVerdict.decide(results, cost));
        r.set("decision", decided.get("decision"));
        r.set("statistics", decided.get("statistics"));
    }

    @Test
    void clearWinnerIsBestWithReasonNumbersAndStatistics() {
        ObjectNode r = results(0.5, 50);
        add(r, "zero-shot", "zero-shot", 70, 70, 3);
        add(r, "lora-r8", "lora", 93, 94, 4);
        decide(r);
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("lora-r8");
        assertThat(r.at("/decision/status").asText()).isEqualTo("best");
        assertThat(r.at("/decision/runner_up").asText()).isEqualTo("zero-shot");
        assertThat(r.at("/decision/reason").asText()).contains("0.94", "zero-shot 0.70", "p<0.001", "4 ms", "50 ms");
        assertThat(r.at("/statistics/zero-shot/significant").asBoolean()).isTrue();
        assertThat(r.at("/statistics/lora-r8/accuracy_wilson95").size()).isEqualTo(2);
    }

    @Test
    void nothingMeetingTheFloorRecommendsNothingAndSaysWhatToTry() {
        ObjectNode r = results(0.95, 50);
        add(r, "zero-shot", "zero-shot", 70, 70, 3);
        add(r, "lora-r8", "lora", 90, 90, 4);
        decide(r);
        assertThat(r.at("/decision/recommended").isNull()).isTrue();
        assertThat(r.at("/decision/status").asText()).isEqualTo("none");
        assertThat(r.at("/decision/reason").asText()).contains("0.95", "lora-r8", "0.90", "Try");
    }

    @Test
    void latencyBudgetExcludesTheMostAccurate() {
        ObjectNode r = results(0.5, 50);
        add(r, "linear-probe", "linear-probe", 80, 80, 3);
        add(r, "full-finetune", "full-finetune", 98, 98, 120);
        decide(r);
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("linear-probe");
        assertThat(r.at("/decision/runner_up").asText()).isEqualTo("full-finetune");
        assertThat(r.at("/decision/runner_up_wins_when").asText()).contains("120 ms");
    }

    @Test
    void selectionUsesValidationEvenWhenTestDisagrees() {
        ObjectNode r = results(0.5, 50);
        add(r, "setfit", "contrastive", 97, 70, 3);
        add(r, "lora-r8", "lora", 85, 95, 3);
        decide(r);
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("lora-r8");
        assertThat(r.at("/decision/protocol").asText()).contains("validation", "test");
    }

    @Test
    void indistinguishableCandidatesAreTiedAndTheCheaperWins() {
        ObjectNode r = results(0.5, 50);
        add(r, "full-finetune", "full-finetune", 91, 91, 10).put("cpu_seconds_per_1000", 50.0);
        add(r, "linear-probe", "linear-probe", 90, 90, 2).put("cpu_seconds_per_1000", 5.0);
        decide(r);
        assertThat(r.at("/decision/status").asText()).isEqualTo("tied");
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("linear-probe");
        assertThat(r.at("/statistics/full-finetune/significant").asBoolean()).isFalse();
    }

    @Test
    void betweenTiedCandidatesThatTrainNothingTheBetterOnValidationWinsNotTheFasterToSetUp() {
        ObjectNode r = results(0.0, 50, 16);
        // One validation example apart (a tie on 16), both untrained; the prompt took no time, the prototype a second.
        add(r, "zero-shot", "zero-shot", 10, 13, 13).put("cpu_seconds_per_1000", 5.0).put("trainable_parameters", 0)
                .put("train_seconds", 0.0);
        add(r, "prototype", "few-shot", 14, 14, 14).put("cpu_seconds_per_1000", 5.5).put("trainable_parameters", 0)
                .put("train_seconds", 1.0);
        decide(r);
        assertThat(r.at("/decision/status").asText()).isEqualTo("tied");
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("prototype");
    }

    @Test
    void amongEquallyCheapTiedCandidatesTheOneTrainingFewestWeightsWins() {
        ObjectNode r = results(0.5, 50);
        // Same encoder, so running costs differ by timing noise only: 6.0 vs 5.0 s per 1,000 is within 25 %.
        add(r, "contrastive", "contrastive", 90, 91, 10).put("cpu_seconds_per_1000", 5.0).put("trainable_parameters", 150_000);
        add(r, "zero-shot", "zero-shot", 95, 90, 10).put("cpu_seconds_per_1000", 6.0).put("trainable_parameters", 0);
        decide(r);
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("zero-shot");
        assertThat(r.at("/decision/reason").asText()).contains("simplest", "within 25% of the cheapest");
        // A clearly cheaper candidate still wins on cost.
        ((ObjectNode) r.at("/candidates/0")).put("cpu_seconds_per_1000", 2.0);
        decide(r);
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("contrastive");
    }

    @Test
    void oneSelectionExampleIsNoEvidence() {
        // 16 selection texts: 14 right against 13 is 0.0625 apart, beyond the 0.02 margin but one example.
        ObjectNode r = results(0.5, 50, 16);
        add(r, "full-finetune", "full-finetune", 13, 14, 10).put("trainable_parameters", 33_000_000);
        add(r, "prototype", "few-shot", 14, 13, 10).put("trainable_parameters", 0);
        decide(r);
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("prototype");
        assertThat(r.at("/decision/reason").asText()).contains("within 0.06 of the best");
        // Two examples apart is a difference the verdict respects.
        ((ObjectNode) r.at("/candidates/1")).put("validation_accuracy", 12 / 16.0);
        ArrayNode v = (ArrayNode) r.at("/candidates/1/validation_predictions");
        v.set(12, new com.fasterxml.jackson.databind.node.TextNode("b"));
        decide(r);
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("full-finetune");
    }

    @Test
    void aTiedButClearlyWorseCandidateIsNotChosenForItsCost() {
        ObjectNode r = results(0.5, 50);
        // 4 discordant validation examples: McNemar p = 0.125, so "tied", but 0.04 apart, beyond the 0.02 margin.
        add(r, "full-finetune", "full-finetune", 90, 90, 10).put("cpu_seconds_per_1000", 50.0);
        add(r, "linear-probe", "linear-probe", 86, 86, 2).put("cpu_seconds_per_1000", 5.0);
        decide(r);
        assertThat(r.at("/decision/status").asText()).isEqualTo("tied");
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("full-finetune");
        assertThat(r.at("/decision/reason").asText()).contains("best validation accuracy", "0.02");
        ((ObjectNode) r.at("/config/decision")).put("tie_margin", 0.05);
        decide(r);
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("linear-probe");
    }

    @Test
    void breakEvenDividesTrainingCostBySavingPerRequest() {
        ObjectNode r = results(0.5, 50);
        // 1,000 input tokens at $1 per million: $0.001 per request, no CPU.
        add(r, "llm", "llm-zero-shot", 90, 90, 30).put("tokens_in_per_request", 1000).put("usd_per_million_input_tokens", 1.0);
        // 3,600 s on 2 cores at $0.05 per CPU-hour: $0.10 of training, free to serve.
        add(r, "lora-r8", "lora", 89, 89, 4);
        add(r, "full-finetune", "full-finetune", 95, 95, 10);
        decide(r);
        assertThat(r.at("/statistics/lora-r8/training_cost_usd").asDouble()).isCloseTo(0.10, within(1e-12));
        assertThat(r.at("/decision/break_even_requests/lora-r8").asDouble()).isEqualTo(100.0);
        // No prompt-only candidate is as accurate as full-finetune: nothing to pay back against.
        assertThat(r.at("/decision/break_even_requests/full-finetune").isNull()).isTrue();
        assertThat(r.at("/decision/break_even_requests/llm").isNull()).isTrue();
    }
}
