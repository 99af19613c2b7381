package dev.hone.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.config.ConfigLoader;
import dev.hone.config.HoneConfig;
import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.GenerationEvidence;
import dev.hone.results.GenerationResults;
import dev.hone.results.GeneratorResult;
import dev.hone.results.OptimizationEvidence;
import dev.hone.results.Provenance;
import dev.hone.results.RetrievalCandidate;
import dev.hone.results.RetrievalEvidence;
import dev.hone.results.RetrievalResults;
import dev.hone.results.RunResults;
import dev.hone.results.Statistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a run into the store's rows: from the typed config when it starts, from the typed results
 * ({@link RunResults}, any task kind) when it ends or when an old run folder is imported.
 */
public final class RunRecords {
    private RunRecords() {
    }

    /** The row of a run starting now with this config, writing into {@code out}. */
    public static RunRow started(HoneConfig config, Path out) {
        Provenance now = Provenance.now(config.evaluation().seed(), null, config.model());
        return RunRow.started(newId(), config.task().name(), config.task().kind(), config.model(), yaml(config.resolved()),
                now.honeVersion(), now.javaVersion(), now.seed(), now.startedAt(), out.toAbsolutePath().normalize().toString());
    }

    /**
     * The whole record of a finished run.
     *
     * @param started the row written when the run started (an imported run gets one from its provenance)
     * @param prompts prompt versions by strategy name, from the typed config (empty for an imported run: results.json
     *                keeps only the hashes)
     */
    public static RecordedRun finished(RunRow started, RunResults results, Map<String, PromptVersion> prompts) {
        Provenance provenance = results.provenance();
        List<StoredCandidate> candidates;
        String testSha256;
        int testExamples;
        String metric;
        switch (results) {
            case ClassificationResults c -> {
                List<ClassificationResults.LabelledText> test = c.examples() == null || c.examples().test() == null ? List.of()
                        : c.examples().test();
                testSha256 = sha256Of(test.stream().map(t -> Arrays.asList(t.text(), t.label())).toList());
                testExamples = test.size();
                metric = "accuracy";
                candidates = c.candidates().stream().map(r -> classifier(r, test, c.statistics(), prompts)).toList();
            }
            case GenerationResults g -> {
                List<GenerationEvidence.Answer> first = g.candidates().isEmpty() || g.candidates().get(0).generation() == null
                        ? List.of() : g.candidates().get(0).generation().perExample();
                testSha256 = sha256Of(first.stream().map(a -> Arrays.asList(a.input(), a.reference())).toList());
                testExamples = first.size();
                String primary = g.decision() != null && g.decision().primaryMetric() != null ? g.decision().primaryMetric() : "token_f1";
                metric = primary;
                candidates = g.candidates().stream().map(r -> generator(r, primary, prompts)).toList();
            }
            case RetrievalResults r -> {
                List<RetrievalEvidence.QueryOutcome> first = r.candidates().isEmpty() || r.candidates().get(0).retrieval() == null
                        ? List.of() : r.candidates().get(0).retrieval().perQuery();
                testSha256 = sha256Of(first.stream().map(q -> Arrays.asList(q.query(), lines(q.relevant()))).toList());
                testExamples = first.size();
                metric = "recall_at_k";
                candidates = r.candidates().stream().map(RunRecords::retrieval).toList();
            }
        }
        String dataset = provenance != null && provenance.datasetSha256() != null ? provenance.datasetSha256() : datasetSha256(results);
        var decision = results.decision();
        // results.json is rewritten after each candidate, without an end time or a verdict until the run ends: a
        // folder holding such a file is a killed run's.
        boolean stopped = provenance != null && provenance.finishedAt() == null
                && (decision == null || decision.status() == null || "running".equals(decision.status()));
        String finishedAt = provenance != null && provenance.finishedAt() != null ? provenance.finishedAt()
                : stopped ? null : java.time.Instant.now().toString();
        RunRow row = new RunRow(started.id(), results.task().name(), results.task().kind(), results.model(), dataset,
                testExamples == 0 ? null : testSha256, testExamples, results.config() == null ? started.config() : yaml(results.config()),
                // The results' own provenance where it has one, so a run recorded by hone run and the same folder imported
                // later are recognised as one run (same folder, same start).
                provenance != null && provenance.honeVersion() != null ? provenance.honeVersion() : started.honeVersion(),
                provenance != null && provenance.javaVersion() != null ? provenance.javaVersion() : started.javaVersion(),
                provenance != null ? Long.valueOf(provenance.seed()) : started.seed(),
                provenance != null && provenance.startedAt() != null ? provenance.startedAt() : started.startedAt(), finishedAt, started.out(),
                stopped ? RunRow.INCOMPLETE : RunRow.COMPLETE, metric, decision == null ? null : decision.recommended(),
                decision == null ? null : decision.status(), decision == null ? null : decision.reason());
        // Texts known from the config, and from results.json itself for optimised prompts (so an import keeps those too).
        Map<String, PromptVersion> known = new LinkedHashMap<>();
        prompts.values().forEach(p -> known.putIfAbsent(p.sha256(), p));
        for (StoredCandidate c : candidates) {
            for (PromptVersion p : optimised(c.optimization())) known.putIfAbsent(p.sha256(), p);
        }
        Map<String, PromptVersion> used = new LinkedHashMap<>();
        for (StoredCandidate c : candidates) {
            if (c.promptSha256() != null) {
                used.putIfAbsent(c.promptSha256(), known.getOrDefault(c.promptSha256(), new PromptVersion(c.promptSha256(), null)));
            }
            for (PromptVersion p : optimised(c.optimization())) used.putIfAbsent(p.sha256(), p);
        }
        return new RecordedRun(row, candidates, List.copyOf(used.values()));
    }

    /** The record of a run folder made before the store existed (or while it was unreachable), from its results.json. */
    public static RecordedRun imported(RunResults results, Path folder) {
        Provenance p = results.provenance();
        String startedAt = p != null && p.startedAt() != null ? p.startedAt() : java.time.Instant.now().toString();
        RunRow started = RunRow.started(newId(), results.task().name(), results.task().kind(), results.model(),
                results.config() == null ? "" : yaml(results.config()), p == null ? null : p.honeVersion(),
                p == null ? null : p.javaVersion(), p == null ? 0 : p.seed(), startedAt, folder.toAbsolutePath().normalize().toString());
        return finished(started, results, Map.of());
    }

    /** The prompts before and after an optimisation, as prompt versions of their text. */
    static List<PromptVersion> optimised(OptimizationEvidence optimization) {
        if (optimization == null) return List.of();
        List<PromptVersion> versions = new ArrayList<>();
        if (optimization.promptBefore() != null) versions.add(PromptVersion.ofText(optimization.promptBefore()));
        if (optimization.promptAfter() != null) versions.add(PromptVersion.ofText(optimization.promptAfter()));
        return versions;
    }

    private static StoredCandidate classifier(ClassifierResult r, List<ClassificationResults.LabelledText> test,
                                              Map<String, Statistics> statistics, Map<String, PromptVersion> prompts) {
        Statistics s = statistics == null ? null : statistics.get(r.name());
        List<Prediction> predictions = new ArrayList<>();
        if (r.testPredictions().size() == test.size()) {
            for (int i = 0; i < test.size(); i++) {
                String gold = test.get(i).label();
                String predicted = r.testPredictions().get(i);
                boolean right = gold.equals(predicted);
                predictions.add(new Prediction(i, PromptVersion.sha256(test.get(i).text()), gold, predicted, right ? 1.0 : 0.0, right));
            }
        }
        // An LLM's templates as results.json hashes them; else the optimised prompt it serves; else its configured template.
        OptimizationEvidence optimization = r.optimization();
        String prompt = r.llmUsage() != null && r.llmUsage().promptSha256() != null ? r.llmUsage().promptSha256()
                : optimization != null && optimization.promptAfter() != null ? PromptVersion.ofText(optimization.promptAfter()).sha256()
                : prompts.containsKey(r.name()) ? prompts.get(r.name()).sha256() : null;
        List<Double> ci = r.accuracyCi95();
        return new StoredCandidate(r.name(), r.kind(), r.accuracy(), r.macroF1(), ci == null || ci.size() < 2 ? null : ci.get(0),
                ci == null || ci.size() < 2 ? null : ci.get(1), r.validationAccuracy(), r.latencyMsP50(), r.latencyMsP95(),
                r.throughputPerS(), r.trainSeconds(), r.trainableParameters(), r.totalParameters(),
                s == null ? null : s.monthlyCostUsd(), s == null ? null : s.trainingCostUsd(), s == null ? null : s.perRequestUsd(),
                r.upfrontUsd(), prompt, predictions, optimization);
    }

    private static StoredCandidate generator(GeneratorResult r, String metric, Map<String, PromptVersion> prompts) {
        GenerationEvidence g = r.generation();
        List<Prediction> predictions = new ArrayList<>();
        Double score = null;
        Double selection = null;
        if (g != null) {
            List<GenerationEvidence.Answer> answers = g.perExample() == null ? List.of() : g.perExample();
            for (int i = 0; i < answers.size(); i++) {
                GenerationEvidence.Answer a = answers.get(i);
                predictions.add(new Prediction(i, PromptVersion.sha256(a.input()), a.reference(), a.answer(), a.tokenF1(),
                        a.exactMatch() >= 1));
            }
            score = primary(g.test(), metric);
            selection = primary(g.selection(), metric);
        }
        String prompt = r.llmUsage() != null ? r.llmUsage().promptSha256() : null;
        if (prompt == null && prompts.containsKey(r.name())) prompt = prompts.get(r.name()).sha256();
        return new StoredCandidate(r.name(), r.kind(), score, null, null, null, selection, r.latencyMsP50(), r.latencyMsP95(),
                r.throughputPerS(), r.trainSeconds(), r.trainableParameters(), r.totalParameters(), null, null,
                r.usdPerPrediction(), null, prompt, predictions);
    }

    private static Double primary(GenerationEvidence.Figures figures, String metric) {
        if (figures == null) return null;
        return "judge_score".equals(metric) ? figures.judgeScoreNormalised() : figures.tokenF1();
    }

    private static StoredCandidate retrieval(RetrievalCandidate r) {
        RetrievalEvidence e = r.retrieval();
        List<Prediction> predictions = new ArrayList<>();
        if (e != null && e.perQuery() != null) {
            for (int i = 0; i < e.perQuery().size(); i++) {
                RetrievalEvidence.QueryOutcome q = e.perQuery().get(i);
                predictions.add(new Prediction(i, PromptVersion.sha256(q.query()), lines(q.relevant()), lines(q.retrieved()),
                        q.recallAtK(), q.reciprocalRank() > 0));
            }
        }
        return new StoredCandidate(r.name(), r.kind(), e == null ? null : e.recallAtK(), null, null, null, null, r.latencyMsP50(),
                r.latencyMsP95(), r.throughputPerS(), r.trainSeconds(), r.trainableParameters(), r.totalParameters(), null, null,
                null, null, null, predictions);
    }

    private static String lines(List<String> documents) {
        return documents == null ? "" : String.join("\n", documents);
    }

    private static String datasetSha256(RunResults results) {
        return switch (results) {
            case ClassificationResults c -> c.dataset() == null ? null : c.dataset().sha256();
            case GenerationResults g -> g.dataset() == null ? null : g.dataset().sha256();
            case RetrievalResults r -> r.queries() == null ? null : r.queries().sha256();
        };
    }

    /** Hash over the examples in order, each a list of fields: changing any text, gold answer or the order changes it. */
    static String sha256Of(List<List<String>> examples) {
        List<String> parts = new ArrayList<>();
        for (List<String> example : examples) {
            for (String field : example) parts.add(field == null ? "" : field);
            parts.add("\u001e");
        }
        return PromptVersion.sha256(parts.toArray(String[]::new));
    }

    static String yaml(JsonNode config) {
        try {
            return ConfigLoader.YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a resolved config is always writable as YAML", e);
        }
    }

    /** 12 hex digits: short enough to type, with a prefix accepted wherever an id is. */
    static String newId() {
        UUID random = UUID.randomUUID();
        return HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(8).putLong(random.getMostSignificantBits()).array()).substring(0, 12);
    }
}
