package dev.hone.run;

import dev.hone.config.ClassificationSetup;
import dev.hone.config.HoneConfig;
import dev.hone.dataset.DatasetChecks;
import dev.hone.dataset.Example;
import dev.hone.dataset.LabelledData;
import dev.hone.dataset.SelectionPlan;
import dev.hone.evaluation.ClassMetrics;
import dev.hone.evaluation.ForgettingProbe;
import dev.hone.evaluation.Metrics;
import dev.hone.evaluation.Timing;
import dev.hone.provider.PerplexityProbe;
import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.Decision;
import dev.hone.results.DistillationEvidence;
import dev.hone.results.Forgetting;
import dev.hone.results.LlmEvidence;
import dev.hone.results.Provenance;
import dev.hone.results.LlmFineTuneJob;
import dev.hone.results.PerplexityForgetting;
import dev.hone.results.RunResults;
import dev.hone.results.Task;
import dev.hone.strategy.Distillation;
import dev.hone.strategy.LlmUsage;
import dev.hone.strategy.LlmFineTune;
import dev.hone.strategy.StrategyKind;
import dev.hone.strategy.Trait;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of a classification run's results.json, made from what the run measured: the
 * contract's fields (task, model, dataset, candidates, decision) plus everything the verdict and the
 * report need.
 */
final class ClassificationRecords {
    /** Where an LLM candidate's latency comes from: the in-run timing mostly hits the answer cache; serving waits for the server. */
    static final String LLM_LATENCY_SOURCE = "provider answer times (as first answered; cache hits keep their original time)";

    private ClassificationRecords() {
    }

    /** The results so far: no decision yet (the verdict adds it when every candidate is in). */
    static ClassificationResults results(HoneConfig config, ClassificationSetup setup, LabelledData data, Provenance provenance,
                                         List<ClassifierResult> candidates,
                                         Map<String, List<ClassificationResults.CurvePoint>> curve, String curveSummary) {
        var dataset = new ClassificationResults.Dataset(data.train().size() + data.validation().size(), data.test().size(),
                data.validation().size(), data.sha256(), String.valueOf(setup.dataset().train()),
                setup.dataset().test() == null ? null : setup.dataset().test().toString(), data.skippedRows());
        var examples = new ClassificationResults.Examples(texts(data.test()), texts(data.selection()));
        SelectionPlan plan = data.selectionPlan();
        var selection = new ClassificationResults.Selection(plan.crossValidates() ? ClassificationResults.Selection.CROSS_VALIDATION
                : ClassificationResults.Selection.VALIDATION_SPLIT, plan.folds(),
                plan.crossValidates() ? data.train().size() : data.validation().size(), plan.repeats(), null);
        return new ClassificationResults(RunResults.FORMAT_VERSION, new Task(config.task().name(), config.task().kind()),
                config.model(), dataset, data.labels(), config.resolved(), provenance, checks(data.checks()), examples, selection,
                withTeacherAccuracy(candidates), Decision.of(null, null, "run in progress", null), curve, curveSummary, null);
    }

    /** One candidate's record; the figures of the first repeat are those of the saved artifact. */
    static ClassifierResult candidate(String name, StrategyKind kind, String route, Metrics test, Metrics validation,
                                      List<ClassifierResult.Repeat> repeats, List<String> validationPredictions, Timing timing,
                                      long trainableParameters, long totalParameters, double peakHeapMb,
                                      Forgetting forgetting, LlmUsage llm, LlmFineTune job, Distillation distillation,
                                      double upfrontUsd) {
        double[] accuracies = repeats.stream().mapToDouble(ClassifierResult.Repeat::accuracy).toArray();
        double[] f1s = repeats.stream().mapToDouble(ClassifierResult.Repeat::macroF1).toArray();
        boolean llmLatency = llm != null && !Double.isNaN(llm.latencyP95Ms());
        Map<String, ClassifierResult.ClassFigures> perClass = new LinkedHashMap<>();
        test.perClass().forEach((label, m) -> perClass.put(label, figures(m)));
        return new ClassifierResult(name, kind.id(), route, test.accuracy(), test.macroF1(),
                List.of(test.accuracyInterval()[0], test.accuracyInterval()[1]),
                // The in-run timing of an LLM candidate mostly hits the answer cache; serving waits for the server.
                llmLatency ? llm.latencyP50Ms() : timing.latencyP50Ms(), llmLatency ? llm.latencyP95Ms() : timing.latencyP95Ms(),
                timing.throughputPerSecond(), repeats.get(0).trainSeconds(), trainableParameters, totalParameters,
                repeats.stream().mapToDouble(ClassifierResult.Repeat::accuracy).average().orElse(test.accuracy()),
                sd(accuracies), sd(f1s), validation.accuracy(), timing.cpuSecondsPer1000(), peakHeapMb, forgetting,
                llm == null ? null : llmEvidence(llm, kind.has(Trait.ESCALATES)),
                llmLatency ? LLM_LATENCY_SOURCE : null, upfrontUsd, job == null ? null : job(job),
                distillation == null ? null : distillation(distillation, test.accuracy()), kind.stochastic(), kind.promptOnly(), repeats,
                repeats.get(0).testPredictions(), validationPredictions, perClass,
                new ClassifierResult.Confusion(test.labels(), test.confusion()), false, null, null, null);
    }

    /** The candidate the choice compared, with the test figures of its refit on train + validation. */
    static ClassifierResult refit(ClassifierResult compared, Metrics test, List<String> testPredictions, Forgetting forgetting) {
        Map<String, ClassifierResult.ClassFigures> perClass = new LinkedHashMap<>();
        test.perClass().forEach((label, m) -> perClass.put(label, figures(m)));
        return compared.withRefitTestFigures(test.accuracy(), test.macroF1(),
                List.of(test.accuracyInterval()[0], test.accuracyInterval()[1]), testPredictions, perClass,
                new ClassifierResult.Confusion(test.labels(), test.confusion()), forgetting);
    }

    static Forgetting forgetting(double before, double after) {
        return new Forgetting(ForgettingProbe.NAME, before, after, before - after);
    }

    /** Tokens, prices and request counts of an LLM-backed candidate (classification or generation). */
    static LlmEvidence llmEvidence(LlmUsage u, boolean cascade) {
        return new LlmEvidence(u.inputTokensPerPrediction(), u.outputTokensPerPrediction(), u.usdPerMillionInput(),
                u.usdPerMillionOutput(), u.parseFailureRate(), u.promptSha256(), cascade ? u.escalationRate() : null,
                new LlmEvidence.Counts(u.provider(), u.model(), u.predictions(), u.requests(), u.cachedRequests(),
                        u.parseFailures(), u.inputTokens(), u.outputTokens(), u.escalated(), u.usdPerPrediction()));
    }

    /** The {@code finetune} block of an llm-finetune candidate, classification or generation. */
    static LlmFineTuneJob job(LlmFineTune job) {
        return new LlmFineTuneJob(job.jobId(), job.baseModel(), job.fineTunedModel(), job.trainingFileId(), job.examples(),
                job.estimatedTokens(), job.trainedTokens(), job.trainingUsd(), job.jobSeconds(), job.waitSeconds(),
                job.resumed(), job.ledger(), job.inProcess(), job.forgetting() == null ? null : perplexityForgetting(job.forgetting()),
                job.truncatedAnswers());
    }

    private static PerplexityForgetting perplexityForgetting(PerplexityProbe.Perplexities p) {
        return new PerplexityForgetting(p.probe(), p.base(), p.tuned(), p.tuned() / p.base() - 1, p.tokens());
    }

    private static DistillationEvidence distillation(Distillation d, double studentTestAccuracy) {
        return new DistillationEvidence(d.teacher(), d.teacherKind(), d.source(), d.texts(), d.labelled(), d.dropped(),
                Double.isNaN(d.agreementWithGold()) ? null : d.agreementWithGold(), d.teacherRequests(),
                d.teacherCachedRequests(), d.teacherInputTokens(), d.teacherOutputTokens(), d.teacherUsd(),
                d.teacherTrainingUsd(), studentTestAccuracy, null);
    }

    /** The teacher's test figures come from its own candidate in the same run (a teacher is always one). */
    private static List<ClassifierResult> withTeacherAccuracy(List<ClassifierResult> candidates) {
        return candidates.stream().map(c -> {
            if (c.distillation() == null) return c;
            DistillationEvidence d = c.distillation();
            Double teacher = candidates.stream().filter(t -> t.name().equals(d.teacher())).findFirst()
                    .map(ClassifierResult::accuracy).orElse(null);
            return c.withDistillation(d.withTeacherTestAccuracy(teacher));
        }).toList();
    }

    private static ClassifierResult.ClassFigures figures(ClassMetrics m) {
        return new ClassifierResult.ClassFigures(m.precision(), m.recall(), m.f1(), m.support());
    }

    private static ClassificationResults.Checks checks(DatasetChecks checks) {
        return new ClassificationResults.Checks(checks.trainCounts(), checks.testCounts(),
                Double.isFinite(checks.imbalanceRatio()) ? checks.imbalanceRatio() : -1, checks.duplicatesInTrain(),
                checks.exactLeaks(), checks.nearLeaks(), checks.warnings());
    }

    private static List<ClassificationResults.LabelledText> texts(List<Example> examples) {
        return examples.stream().map(e -> new ClassificationResults.LabelledText(e.text(), e.label())).toList();
    }

    static double sd(double[] values) {
        if (values.length < 2) return 0;
        double mean = 0;
        for (double v : values) mean += v;
        mean /= values.length;
        double squares = 0;
        for (double v : values) squares += (v - mean) * (v - mean);
        return Math.sqrt(squares / (values.length - 1));
    }
}
