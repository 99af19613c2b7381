package dev.hone.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The evidence of one candidate as read from {@code results.json}. Token prices are the
 * candidate's own (its provider's) when results.json gives them, else NaN.
 */
public record Candidate(String name, String kind, double accuracy, double macroF1, double latencyP95,
                        double trainSeconds, double cpuSecondsPer1000, double tokensInPerRequest,
                        double tokensOutPerRequest, double validationAccuracy, List<String> testPredictions,
                        List<String> validationPredictions, List<List<String>> repeatPredictions,
                        List<Double> repeatAccuracies, boolean stochastic, double usdPerMillionInput,
                        double usdPerMillionOutput, double upfrontUsd, long trainableParameters) {
    public Candidate {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("candidates[].name must be a non-empty string");
        }
        if (!(upfrontUsd >= 0)) throw new IllegalArgumentException("candidates[].upfront_usd must be ≥ 0, got " + upfrontUsd);
    }

    /** A hosted fine-tuning job trains on the provider's machines: no local CPU time, its price is {@link #upfrontUsd}. */
    public boolean trainsLocally() {
        return !promptOnly() && !kind.equals("remote-finetune");
    }

    /** Zero-shot and few-shot candidates only write a prompt: no training cost. */
    public boolean promptOnly() {
        return kind.equals("zero-shot") || kind.equals("few-shot") || kind.startsWith("llm");
    }

    public static Candidate from(JsonNode n) {
        List<List<String>> repeats = new ArrayList<>();
        List<Double> repeatAcc = new ArrayList<>();
        for (JsonNode r : n.path("repeats")) {
            if (r.has("test_predictions")) {
                repeats.add(strings(r.get("test_predictions")));
            }
            repeatAcc.add(r.path("accuracy").asDouble());
        }
        return new Candidate(n.path("name").asText(), n.path("kind").asText(""), n.path("accuracy").asDouble(),
                n.path("macro_f1").asDouble(), n.path("latency_ms_p95").asDouble(),
                n.path("train_seconds").asDouble(0), n.path("cpu_seconds_per_1000").asDouble(0),
                n.path("tokens_in_per_request").asDouble(0), n.path("tokens_out_per_request").asDouble(0),
                n.path("validation_accuracy").asDouble(n.path("accuracy").asDouble()),
                strings(n.path("test_predictions")), strings(n.path("validation_predictions")), repeats, repeatAcc,
                n.path("stochastic").asBoolean(false),
                // LLM candidates carry their provider's prices; NaN means "use decision's".
                n.path("usd_per_million_input_tokens").asDouble(Double.NaN),
                n.path("usd_per_million_output_tokens").asDouble(Double.NaN),
                // API money paid before serving: a fine-tuning job, a teacher's labelling.
                Math.max(0, n.path("upfront_usd").asDouble(0)),
                n.path("trainable_parameters").asLong(0));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Share of test examples on which every repeat predicted the same label; NaN with fewer than two repeats. */
    public double consistency() {
        if (repeatPredictions.size() < 2) {
            return Double.NaN;
        }
        int n = repeatPredictions.get(0).size();
        int agree = 0;
        for (int i = 0; i < n; i++) {
            String first = repeatPredictions.get(0).get(i);
            int j = i;
            if (repeatPredictions.stream().allMatch(p -> p.size() > j && p.get(j).equals(first))) {
                agree++;
            }
        }
        return n == 0 ? Double.NaN : (double) agree / n;
    }
}
