package dev.hone.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.evaluation.ForgettingProbe;
import dev.hone.HoneException;
import dev.hone.config.HoneConfig;
import dev.hone.dataset.DatasetChecks;
import dev.hone.dataset.Example;
import dev.hone.dataset.LabelledData;
import dev.hone.evaluation.ClassMetrics;
import dev.hone.evaluation.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * Writes {@code results.json}: the DESIGN.md contract fields (task, model, dataset, candidates,
 * decision) plus everything the verdict and the report need. Written after every candidate
 * (atomically) so a failure halfway keeps what was measured.
 */
public final class ResultsDocument {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsDocument() {
    }

    static ObjectNode build(HoneConfig config, LabelledData data, Provenance provenance, List<CandidateResult> results,
                            Decision decision, Instant finishedAt) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("task").put("name", config.task().name()).put("kind", config.task().kind());
        root.put("model", config.model());
        ObjectNode dataset = root.putObject("dataset");
        dataset.put("train", data.train().size() + data.validation().size());
        dataset.put("test", data.test().size());
        dataset.put("validation", data.validation().size());
        dataset.put("sha256", data.sha256());
        dataset.put("train_file", String.valueOf(config.dataset().train()));
        if (config.dataset().test() != null) dataset.put("test_file", config.dataset().test().toString());
        dataset.put("skipped_rows", data.skippedRows());
        ArrayNode labels = root.putArray("labels");
        data.labels().forEach(labels::add);
        root.set("config", config.resolved());
        provenance.writeTo(root.putObject("provenance"), finishedAt);
        writeChecks(root.putObject("checks"), data.checks());
        ObjectNode examples = root.putObject("examples");
        writeExamples(examples.putArray("test"), data.test());
        writeExamples(examples.putArray("validation"), data.selection());
        root.putObject("selection").put("method", data.selectionFolds() > 0 ? "cross-validation" : "validation split")
                .put("folds", data.selectionFolds()).put("examples", data.selection().size());
        ArrayNode candidates = root.putArray("candidates");
        for (CandidateResult r : results) writeCandidate(candidates.addObject(), r, results);
        ObjectNode decisionNode = root.putObject("decision");
        decisionNode.put("recommended", decision == null ? null : decision.recommended());
        decisionNode.put("reason", decision == null ? "run in progress" : decision.reason());
        return root;
    }

    private static void writeCandidate(ObjectNode node, CandidateResult r, List<CandidateResult> all) {
        node.put("name", r.name()).put("kind", r.kind().id());
        node.put("accuracy", r.test().accuracy()).put("macro_f1", r.test().macroF1());
        node.putArray("accuracy_ci95").add(r.test().accuracyInterval()[0]).add(r.test().accuracyInterval()[1]);
        node.put("latency_ms_p50", r.timing().latencyP50Ms()).put("latency_ms_p95", r.timing().latencyP95Ms());
        node.put("throughput_per_s", r.timing().throughputPerSecond());
        node.put("train_seconds", r.trainSeconds());
        node.put("trainable_parameters", r.trainableParameters()).put("total_parameters", r.totalParameters());
        node.put("accuracy_mean", r.meanAccuracy()).put("accuracy_sd", r.accuracySd()).put("macro_f1_sd", r.macroF1Sd());
        node.put("validation_accuracy", r.validation().accuracy());
        node.put("cpu_seconds_per_1000", r.timing().cpuSecondsPer1000());
        node.put("peak_heap_mb", r.peakHeapMb());
        if (r.forgetting() != null) {
            node.putObject("forgetting").put("probe", ForgettingProbe.NAME)
                    .put("probe_accuracy_before", r.forgetting().before())
                    .put("probe_accuracy_after", r.forgetting().after()).put("drop", r.forgetting().drop());
        }
        if (r.llm() != null) writeLlm(node, r);
        node.put("upfront_usd", r.upfrontUsd());
        if (r.remoteFineTune() != null) CandidateExtras.writeRemoteFineTune(node.putObject("remote_finetune"), r.remoteFineTune());
        if (r.distillation() != null) CandidateExtras.writeDistillation(node.putObject("distillation"), r, all);
        node.put("stochastic", r.kind().stochastic());
        node.put("prompt_only", r.kind().promptOnly());
        ArrayNode repeats = node.putArray("repeats");
        for (CandidateResult.Repeat repeat : r.repeats()) {
            ObjectNode item = repeats.addObject().put("seed", repeat.seed()).put("accuracy", repeat.accuracy())
                    .put("macro_f1", repeat.macroF1()).put("train_seconds", repeat.trainSeconds());
            ArrayNode predictions = item.putArray("test_predictions");
            repeat.testPredictions().forEach(predictions::add);
        }
        ArrayNode testPredictions = node.putArray("test_predictions");
        r.testPredictions().forEach(testPredictions::add);
        ArrayNode validationPredictions = node.putArray("validation_predictions");
        r.validationPredictions().forEach(validationPredictions::add);
        ObjectNode perClass = node.putObject("per_class");
        r.test().perClass().forEach((label, m) -> writeClass(perClass.putObject(label), m));
        writeConfusion(node.putObject("confusion"), r.test());
    }

    /** Token usage, per-candidate prices and the parse-failure rate; read by the verdict's cost model. */
    private static void writeLlm(ObjectNode node, CandidateResult r) {
        writeLlmUsage(node, r.llm(), r.kind() == dev.hone.config.StrategyKind.CASCADE);
    }

    /** Tokens, prices, answer times and request counts of an LLM-backed candidate (classification or generation). */
    static void writeLlmUsage(ObjectNode node, dev.hone.strategy.LlmUsage u, boolean cascade) {
        node.put("tokens_in_per_request", u.inputTokensPerPrediction()).put("tokens_out_per_request", u.outputTokensPerPrediction());
        node.put("usd_per_million_input_tokens", u.usdPerMillionInput()).put("usd_per_million_output_tokens", u.usdPerMillionOutput());
        node.put("parse_failure_rate", u.parseFailureRate()).put("prompt_sha256", u.promptSha256());
        if (cascade) node.put("escalation_rate", u.escalationRate());
        if (!Double.isNaN(u.latencyP95Ms())) {
            // The in-run timing of an LLM candidate mostly hits the answer cache; serving waits for the server.
            node.put("latency_ms_p50", u.latencyP50Ms()).put("latency_ms_p95", u.latencyP95Ms());
            node.put("latency_source", "provider answer times (as first answered; cache hits keep their original time)");
        }
        node.putObject("llm").put("provider", u.provider()).put("model", u.model()).put("predictions", u.predictions())
                .put("requests", u.requests()).put("cached_requests", u.cachedRequests()).put("parse_failures", u.parseFailures())
                .put("input_tokens", u.inputTokens()).put("output_tokens", u.outputTokens()).put("escalated", u.escalated())
                .put("usd_per_prediction", u.usdPerPrediction());
    }

    private static void writeClass(ObjectNode node, ClassMetrics m) {
        node.put("precision", m.precision()).put("recall", m.recall()).put("f1", m.f1()).put("support", m.support());
    }

    private static void writeConfusion(ObjectNode node, Metrics metrics) {
        ArrayNode labels = node.putArray("labels");
        metrics.labels().forEach(labels::add);
        ArrayNode matrix = node.putArray("matrix");
        for (int[] row : metrics.confusion()) {
            ArrayNode r = matrix.addArray();
            for (int v : row) r.add(v);
        }
    }

    private static void writeChecks(ObjectNode node, DatasetChecks checks) {
        ObjectNode train = node.putObject("train_counts");
        checks.trainCounts().forEach(train::put);
        ObjectNode test = node.putObject("test_counts");
        checks.testCounts().forEach(test::put);
        node.put("imbalance_ratio", Double.isFinite(checks.imbalanceRatio()) ? checks.imbalanceRatio() : -1);
        node.put("duplicates_in_train", checks.duplicatesInTrain());
        ArrayNode exact = node.putArray("exact_leaks");
        checks.exactLeaks().forEach(exact::add);
        ArrayNode near = node.putArray("near_duplicate_leaks");
        checks.nearLeaks().forEach(near::add);
        ArrayNode warnings = node.putArray("warnings");
        checks.warnings().forEach(warnings::add);
    }

    private static void writeExamples(ArrayNode array, List<Example> examples) {
        for (Example e : examples) array.addObject().put("text", e.text()).put("label", e.label());
    }

    /** Writes through a temporary file and a rename, so readers never see half a document. */
    static void write(Path file, ObjectNode document) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temporary.toFile(), document);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new HoneException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
