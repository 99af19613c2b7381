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
        r.putObject("selection").put("folds", 0).put("examples", n);
        // Labelled training examples: the validation split is 15% of them; two labels.
        r.putObject("dataset").put("train", (int) Math.round(n / 0.15)).put("validation", n);
        r.putArray("labels").add("a").add("b");
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

    /** The cost model's figures for a candidate: a shared forward pass with its rounds' median p95 and their range. */
    private static ObjectNode serving(ObjectNode candidate, double cpuPer1000, double p95, double low, double high) {
        ObjectNode s = candidate.putObject("serving");
        s.put("shared_pass", "bge-small-en-v1.5").put("cpu_seconds_per_1000", cpuPer1000).put("latency_ms_p95", p95)
                .put("basis", "test");
        s.putArray("latency_ms_p95_range").add(low).add(high);
        return candidate;
    }

    /**
     * The verdict on the typed results read from {@code r}, its decision and statistics written back into
     * {@code r}, so the assertions read the JSON a run writes.
     */
    private static void decide(ObjectNode r) {
        decide(r, RoutePrior.builtin());
    }

    private static void decide(ObjectNode r, RoutePrior prior) {
        var results = (ClassificationResults) ResultsJson.fromTree(r, "test results");
        var d = r.get("config").get("decision");
        var cost = new CostModel(d.get("monthly_requests").asDouble(), d.get("accuracy_floor").asDouble(),
                d.get("latency_budget_ms").asDouble(), Double.NaN, d.get("cpu_hour_usd").asDouble(),
                r.get("provenance").get("host_cores").asInt(), d.get("tie_margin").asDouble());
        ObjectNode decided = ResultsJson.toTree(ClassificationVerdict.decide(results, cost, prior));
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
        assertThat(r.at("/decision/reason").asText()).contains("0.94", "zero-shot 0.70", "p<0.001", "trains");
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
    void aCandidateWithinTheMeasurementNoiseOfTheBudgetStaysInAndIsFlagged() {
        ObjectNode r = results(0.5, 50);
        add(r, "linear-probe", "linear-probe", 80, 80, 3);
        // Its own timing says 70 ms, but the cost model's rounds put the budget inside their range (45–58 ms).
        serving(add(r, "full-finetune", "full-finetune", 98, 98, 70), 5.0, 52, 45, 58);
        decide(r);
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("full-finetune");
        assertThat(r.at("/decision/reason").asText()).contains("within measurement noise of the 50 ms budget");
        // Rounds entirely over the budget rule it out.
        serving((ObjectNode) r.at("/candidates/1"), 5.0, 62, 55, 70);
        decide(r);
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("linear-probe");
    }

    @Test
    void candidatesOnTheSharedForwardPassDecideTheSameWhateverTheirOwnTimingsSaid() {
        // The two demo runs: identical predictions, the probe's own timing 20.1 vs 9.7 s per 1,000.
        String[] decisions = new String[2];
        double[] probeTiming = {20.1, 9.7};
        for (int run = 0; run < 2; run++) {
            ObjectNode r = results(0.5, 50, 1000);
            serving(add(r, "lora-r8", "lora", 950, 951, 16).put("cpu_seconds_per_1000", 12.0)
                    .put("trainable_parameters", 150_000), 10.0, 16, 15, 18);
            serving(add(r, "probe", "linear-probe", 949, 950, 16).put("cpu_seconds_per_1000", probeTiming[run])
                    .put("trainable_parameters", 4_000), 10.0, 16, 15, 18);
            decide(r);
            decisions[run] = r.get("decision").toString();
        }
        assertThat(decisions[0]).isEqualTo(decisions[1]).contains("\"recommended\":\"probe\"", "forward pass");
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
    void candidatesShownEqualWithinTheMarginAreTiedAndTheCheaperWins() {
        // 1,000 selection examples, one apart: the interval on the difference (about ±0.003) lies inside ±0.02.
        ObjectNode r = results(0.5, 50, 1000);
        add(r, "full-finetune", "full-finetune", 910, 910, 10).put("cpu_seconds_per_1000", 50.0);
        add(r, "linear-probe", "linear-probe", 900, 909, 2).put("cpu_seconds_per_1000", 5.0);
        decide(r);
        assertThat(r.at("/decision/status").asText()).isEqualTo("tied");
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("linear-probe");
        assertThat(r.at("/decision/reason").asText()).contains("linear-probe is shown equal within 0.02 to full-finetune", "cheapest to run");
    }

    @Test
    void amongEquallyCheapEqualCandidatesTheOneTrainingFewestWeightsWins() {
        ObjectNode r = results(0.5, 50, 1000);
        // Running costs 6.0 vs 5.0 s per 1,000 are within 25 %: equally cheap.
        add(r, "contrastive", "contrastive", 900, 901, 10).put("cpu_seconds_per_1000", 5.0).put("trainable_parameters", 150_000);
        add(r, "zero-shot", "zero-shot", 950, 900, 10).put("cpu_seconds_per_1000", 6.0).put("trainable_parameters", 0);
        decide(r);
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("zero-shot");
        assertThat(r.at("/decision/reason").asText()).contains("fewest trained weights");
        // A clearly cheaper candidate still wins on cost.
        ((ObjectNode) r.at("/candidates/0")).put("cpu_seconds_per_1000", 2.0);
        decide(r);
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("contrastive");
    }

    @Test
    void whereSixteenExamplesCannotTellTheProtocolsEvidenceDecidesNotCost() {
        // The customer-review case: 8 per class, every candidate within the noise of 16 cross-validated texts.
        ObjectNode r = results(0.0, 50, 16);
        add(r, "knn", "few-shot", 10, 14, 10).put("route", "knn").put("trainable_parameters", 0).put("train_seconds", 0.0);
        add(r, "contrastive", "contrastive", 12, 13, 10).put("trainable_parameters", 33_000_000);
        decide(r);
        assertThat(r.at("/decision/status").asText()).isEqualTo("uncertain");
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("contrastive");
        assertThat(r.at("/decision/reason").asText()).contains("16 validation examples cannot separate knn from contrastive",
                "few-shot protocol", "favours contrastive");
        // Without a prior the better on selection leads, and cost is never what decides between them.
        decide(r, RoutePrior.none());
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("knn");
        assertThat(r.at("/decision/reason").asText()).contains("better on selection leads").doesNotContain("cheapest");
    }

    @Test
    void identicalPredictionsOnAHandfulOfExamplesAreNoTie() {
        ObjectNode r = results(0.0, 50, 16);
        add(r, "zero-shot", "zero-shot", 10, 16, 10).put("trainable_parameters", 0).put("train_seconds", 0.0);
        add(r, "lora", "lora", 12, 16, 10).put("trainable_parameters", 150_000);
        decide(r, RoutePrior.none());
        assertThat(r.at("/decision/status").asText()).isEqualTo("uncertain");
        assertThat(r.at("/decision/reason").asText()).doesNotContain("shown equal");
    }

    @Test
    void aNarrowerMarginThanTheEvidenceCanShowLeavesTheBestOnSelection() {
        ObjectNode r = results(0.5, 50, 1000);
        add(r, "full-finetune", "full-finetune", 900, 900, 10).put("cpu_seconds_per_1000", 50.0);
        add(r, "linear-probe", "linear-probe", 896, 896, 2).put("cpu_seconds_per_1000", 5.0);
        decide(r, RoutePrior.none());
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("linear-probe");
        ((ObjectNode) r.at("/config/decision")).put("tie_margin", 0.005);
        decide(r, RoutePrior.none());
        assertThat(r.at("/decision/recommended").asText()).isEqualTo("full-finetune");
        assertThat(r.at("/decision/status").asText()).isEqualTo("uncertain");
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
