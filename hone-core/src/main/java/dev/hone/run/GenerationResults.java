package dev.hone.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.HoneException;
import dev.hone.config.GenerationConfig;
import dev.hone.config.HoneConfig;
import dev.hone.dataset.GenerationData;
import dev.hone.dataset.GenerationExample;
import dev.hone.generation.GenerationMetrics;
import dev.hone.generation.Judge;
import dev.hone.generation.LlmGenerator;
import dev.hone.generation.ScoredAnswer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code results.json} of a generation run: the contract's top level (task, model, dataset,
 * candidates with the latency, throughput, training-time and parameter fields, decision) plus, per
 * candidate, the LLM usage fields of an LLM classifier and a {@code generation} object with the
 * test metrics, the selection-split metrics and every test pair's answer. Scores that do not apply
 * (no schema, no judge, no retrieval) are null.
 */
final class GenerationResults {
    private GenerationResults() {
    }

    static ObjectNode build(HoneConfig config, GenerationData data, Provenance provenance, List<GenerationCandidate> results,
                            RagKnowledgeBases bases, Judge judge, Decision decision, Instant finishedAt) {
        GenerationConfig g = config.generation();
        ObjectNode root = ResultsDocument.JSON.createObjectNode();
        root.putObject("task").put("name", config.task().name()).put("kind", config.task().kind());
        root.put("model", config.model());
        ObjectNode dataset = root.putObject("dataset").put("train", g.dataset().train().toString());
        dataset.put("test", g.dataset().test() == null ? "test_fraction " + g.dataset().testFraction() + " of train"
                : g.dataset().test().toString());
        dataset.put("sha256", data.sha256()).put("train_pairs", data.train().size()).put("validation_pairs", data.validation().size())
                .put("test_pairs", data.test().size()).put("skipped_rows", data.skippedRows());
        bases.describe(root.putArray("documents"));
        root.set("config", config.resolved());
        provenance.writeTo(root.putObject("provenance"), finishedAt);
        if (judge != null) {
            root.putObject("judge").put("provider", judge.config().provider().name()).put("model", judge.config().provider().model())
                    .put("scale", judge.config().scale()).put("rubric", judge.config().rubric()).put("graded", judge.graded())
                    .put("parse_failures", judge.parseFailures()).put("input_tokens", judge.inputTokens())
                    .put("output_tokens", judge.outputTokens());
        }
        ArrayNode candidates = root.putArray("candidates");
        for (GenerationCandidate c : results) writeCandidate(candidates.addObject(), c);
        ObjectNode decisionNode = root.putObject("decision");
        if (decision == null) {
            decisionNode.putNull("recommended").put("reason", "the run has not finished").put("status", "running");
        } else {
            decisionNode.put("recommended", decision.recommended()).put("reason", decision.reason())
                    .put("status", decision.recommended() == null ? "none" : "recommended");
        }
        decisionNode.put("primary_metric", judge == null ? "token_f1" : "judge_score")
                .put("selection_split", data.validation().isEmpty() ? "test" : "validation")
                .put("protocol", "every candidate answers the selection pairs (validation, carved from train, or test when train is too"
                        + " small) and the test pairs; the best primary metric on the selection pairs within the p95 latency budget"
                        + " is recommended, a cheaper candidate within decision.tie_margin of it preferred");
        return root;
    }

    private static void writeCandidate(ObjectNode node, GenerationCandidate c) {
        node.put("name", c.name()).put("kind", c.strategy().kind().id()).put("provider", c.strategy().provider().name());
        ResultsDocument.writeLlmUsage(node, c.usage(), false);
        if (c.strategy().retrieval() != null) {
            node.put("latency_source", "provider answer times (as first answered) plus retrieval, embedding included");
        }
        double meanMs = c.testAnswers().stream().mapToDouble(ScoredAnswer::latencyMillis).average().orElse(Double.NaN);
        putNumber(node, "throughput_per_s", c.strategy().provider().maxConcurrency() * 1000.0 / Math.max(meanMs, 1e-9));
        node.put("throughput_source", "provider max_concurrency requests in flight at the mean answer time");
        node.put("train_seconds", c.setupSeconds()).put("trainable_parameters", 0).put("total_parameters", c.encoderParameters());
        node.put("prompt_only", true).put("usd_per_prediction", c.usdPerPrediction());
        ObjectNode generation = node.putObject("generation");
        writeMetrics(generation, c.test());
        writeMetrics(generation.putObject("selection"), c.selection());
        ArrayNode perExample = generation.putArray("per_example");
        for (ScoredAnswer a : c.testAnswers()) {
            ObjectNode item = perExample.addObject().put("input", a.input()).put("reference", a.reference()).put("answer", a.answer())
                    .put("exact_match", a.exactMatch()).put("token_f1", a.tokenF1());
            if (a.jsonValid() != null) item.put("json_valid", a.jsonValid());
            if (!Double.isNaN(a.judgeScore())) item.put("judge_score", a.judgeScore());
            if (a.cited() != null) {
                ArrayNode retrieved = item.putArray("retrieved_sources");
                a.retrieved().forEach(retrieved::add);
                item.put("cited", a.cited());
            }
            if (!Double.isNaN(a.recallAtK())) item.put("recall_at_k", a.recallAtK());
            item.put("latency_ms", a.latencyMillis()).put("location", a.location());
        }
    }

    private static void writeMetrics(ObjectNode node, GenerationMetrics m) {
        node.put("examples", m.examples());
        putNumber(node, "exact_match", m.exactMatch());
        putNumber(node, "token_f1", m.tokenF1());
        putNumber(node, "json_valid_rate", m.jsonValidRate());
        putNumber(node, "judge_score", m.judgeScore());
        putNumber(node, "judge_score_normalised", m.judgeNormalised());
        node.put("judge_parse_failures", m.judgeParseFailures());
        putNumber(node, "citation_rate", m.citationRate());
        putNumber(node, "recall_at_k", m.recallAtK());
    }

    /** A number, or null where it does not apply (JSON has no NaN). */
    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) node.putNull(key);
        else node.put(key, value);
    }

    /** {@code generator.json}: the strategy as it ran (templates, provider without key) and its demonstrations. */
    static void saveCandidate(Path directory, HoneConfig config, GenerationCandidate candidate, LlmGenerator generator) {
        ObjectNode root = ResultsDocument.JSON.createObjectNode().put("format", "hone-generator-1")
                .put("name", candidate.name()).put("kind", candidate.strategy().kind().id()).put("model", config.model());
        for (var node : config.resolved().path("strategies")) {
            if (node.path("name").asText().equals(candidate.name())) root.set("strategy", node);
        }
        root.put("prompt_sha256", candidate.usage().promptSha256());
        ArrayNode pool = root.putArray("demonstration_pool");
        for (GenerationExample e : generator.demonstrationPool()) pool.addObject().put("input", e.input()).put("output", e.reference());
        try {
            Files.createDirectories(directory);
            ResultsDocument.JSON.writeValue(directory.resolve("generator.json").toFile(), root);
        } catch (IOException e) {
            throw new HoneException("cannot write " + directory.resolve("generator.json") + ": " + e.getMessage(), e);
        }
    }
}
