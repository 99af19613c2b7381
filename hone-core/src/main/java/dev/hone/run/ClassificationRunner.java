package dev.hone.run;

import dev.hone.config.ClassificationSetup;
import dev.hone.config.HoneConfig;
import dev.hone.config.StrategyConfig;
import dev.hone.dataset.DatasetLoader;
import dev.hone.dataset.Example;
import dev.hone.dataset.LabelledData;
import dev.hone.dataset.SelectionPlan;
import dev.hone.dataset.SelectionRule;
import dev.hone.engine.model.EncoderModel;
import dev.hone.error.HoneException;
import dev.hone.error.OutOfMemoryException;
import dev.hone.evaluation.ForgettingProbe;
import dev.hone.evaluation.Metrics;
import dev.hone.evaluation.Timing;
import dev.hone.provider.ProviderPool;
import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.Provenance;
import dev.hone.results.ServingWork;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.Shortfall;
import dev.hone.strategy.TrainingData;
import dev.hone.verdict.ClassificationVerdict;
import dev.hone.verdict.CostModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A classification run, start to finish: load and check the data, build every strategy's candidate
 * (repeating stochastic ones with new seeds), measure each for the choice (on the validation split,
 * or by repeated cross-validation) and on test, save its artifact, then decide and write
 * {@code results.json}; after a choice on a validation split, refit the recommended strategy on
 * train + validation ({@link Refit}). Results are rewritten after every candidate and after the
 * decision, so nothing measured is lost if a later step fails.
 */
final class ClassificationRunner {
    private final Function<String, EncoderModel> modelLoader;
    private final RunListener listener;
    private final HoneConfig config;
    private final ClassificationSetup setup;

    ClassificationRunner(Function<String, EncoderModel> modelLoader, RunListener listener, HoneConfig config,
                         ClassificationSetup setup) {
        this.modelLoader = modelLoader;
        this.listener = listener;
        this.config = config;
        this.setup = setup;
    }

    /** @param resumed the interrupted run this one continues ({@code hone run --resume}); null for a new run */
    RunResult run(Path out, boolean skipBadRows, ProviderPool providers, Resumption resumed) {
        Runner.prepareOutput(out, true);
        long seed = config.evaluation().seed();
        boolean paidJobs = setup.strategies().stream().anyMatch(StrategyConfig::startsPaidJobs);
        LabelledData data = DatasetLoader.load(setup.dataset(), setup.labels().keySet(), seed, skipBadRows,
                SelectionRule.of(config.evaluation(), paidJobs));
        listener.datasetLoaded(data);
        listener.message("selection: " + data.selectionPlan().method() + " (" + data.selectionPlan().reason() + ")");
        checkStrategiesFitTheData(data);
        if (resumed != null) resumed.checkData(data);
        listener.message("model: loading " + config.model());
        EncoderModel model = modelLoader.apply(config.model());
        // A resumed run is the interrupted one continued: its start time and seed stay.
        Provenance provenance = resumed != null ? resumed.previous().provenance() : Provenance.now(seed, data.sha256(), config.model());
        Forgetting forgetting = new Forgetting(model);
        List<ClassifierResult> results = new ArrayList<>();
        SharedPass pass = new SharedPass(model, data.test().stream().map(Example::text).toList());
        Map<String, ServingWork> work = new HashMap<>();
        Path resultsFile = out.resolve("results.json");
        for (StrategyConfig strategy : setup.strategies()) {
            ClassifierResult kept = resumed == null ? null : resumed.finished(strategy.name());
            if (kept != null) {
                listener.message(String.format(java.util.Locale.ROOT, "candidate: %s (%s): kept as the interrupted run measured it "
                        + "(test accuracy %.3f), not built again", strategy.name(), strategy.kind().id(), kept.accuracy()));
                results.add(kept);
                work.put(strategy.name(), kept.servingWork());
                continue;
            }
            listener.message("candidate: " + strategy.name() + " (" + strategy.kind().id() + ")");
            // results.json already holds every earlier candidate: running out of memory here loses only this one.
            results.add(OutOfMemoryException.during("building and measuring candidate '" + strategy.name() + "' ("
                    + strategy.kind().id() + ")", () -> measure(strategy, model, data, provenance, forgetting,
                    out.resolve("candidates").resolve(strategy.name()), providers, work)));
            pass.round();
            ClassificationRecords.results(config, setup, data, provenance, results, null, null).write(resultsFile);
        }
        Map<String, List<ClassificationResults.CurvePoint>> curve = null;
        String curveSummary = null;
        if (!config.evaluation().curve().isEmpty()) {
            listener.message("learning curve: " + config.evaluation().curve() + " examples per class");
            curve = OutOfMemoryException.during("measuring the learning curve",
                    () -> LearningCurve.measure(config, setup, model, data, listener, providers));
            curveSummary = LearningCurve.summary(config, setup, curve);
        }
        SharedPass.Measured shared = pass.measured();
        List<ClassifierResult> priced = results.stream().map(c -> c.withServing(shared.serving(c, work.get(c.name())))).toList();
        ClassificationResults finished = ClassificationRecords.results(config, setup, data, provenance.finished(Instant.now()), priced,
                curve, curveSummary);
        CostModel cost = CostModel.of(config.decision(), provenance.hostCores());
        ClassificationResults decided = ClassificationVerdict.decide(finished, cost);
        decided.write(resultsFile);
        if (!data.selectionPlan().crossValidates()) {
            decided = Refit.recommended(decided, setup.strategies(), cost, listener, (strategy, compared) ->
                    OutOfMemoryException.during("refitting '" + strategy.name() + "' on train + validation", () -> refit(strategy,
                            compared, model, data, provenance, forgetting, out.resolve("candidates").resolve(strategy.name()), providers)));
            decided.write(resultsFile);
        }
        return new RunResult(out, decided);
    }

    /**
     * The strategy rebuilt on train + validation with the run's seed (as repeat 0 was), measured on
     * test and saved over its candidate folder. Nothing is left to stop on early: trainers that stop
     * on validation (LoRA, full fine-tuning) run their configured epochs, not the epoch the candidate
     * built on train stopped at, because the engine does not report that epoch and carrying it over
     * would need an epochs override through every strategy kind's settings. Timing, parameter counts
     * and training cost stay those of the candidate the choice compared (same strategy, same shape):
     * timing it again would let measurement noise into a decision the refit must not move.
     */
    private ClassifierResult refit(StrategyConfig strategy, ClassifierResult compared, EncoderModel model, LabelledData data,
                                   Provenance provenance, Forgetting forgetting, Path directory, ProviderPool providers) {
        List<Example> all = data.allTraining();
        Fit fit = Fit.of(strategy, new TrainingData(model, all, List.of(), data.labels(), setup.labels(), config.evaluation().seed(),
                withMessages(listener.training(strategy.name(), 0)), providers));
        List<String> predictions = fit.predict(data.test().stream().map(Example::text).toList());
        Metrics test = Metrics.of(data.test().stream().map(Example::label).toList(), predictions, data.labels());
        dev.hone.results.Forgetting forgot = fit.candidate().tunedEncoder().map(forgetting::measure).orElse(null);
        Refit.replaceFolder(directory, staging -> {
            fit.candidate().save(staging);
            CandidateFiles.write(staging, config, setup, strategy, data, test, provenance, true);
        });
        listener.message(String.format(java.util.Locale.ROOT, "  refit on %d examples: test accuracy %.3f (%.3f as built on %d), "
                + "%.1f s; saved over %s", all.size(), test.accuracy(), compared.accuracy(), data.train().size(),
                fit.trainSeconds(), directory));
        // The refit searched its prompt again on train + validation: its trials are what was saved.
        ClassifierResult refitted = ClassificationRecords.refit(compared, test, predictions, forgot);
        return fit.candidate().optimization().map(refitted::withOptimization).orElse(refitted);
    }

    private ClassifierResult measure(StrategyConfig strategy, EncoderModel model, LabelledData data, Provenance provenance,
                                     Forgetting forgetting, Path directory, ProviderPool providers, Map<String, ServingWork> work) {
        int repeats = strategy.stochastic() ? config.evaluation().repeats() : 1;
        List<String> testTexts = data.test().stream().map(Example::text).toList();
        resetPeakHeap();
        // Repeat 0 is the candidate kept: it is measured whole and saved before any other repeat or fold trains,
        // and only its figures are kept after that, so its weights and a later training's state are never in
        // memory together (a full fine-tune of bge-small keeps ~220 MB and trains in ~530 MB).
        Built first = buildAndTest(strategy, model, data, 0, repeats, testTexts, providers);
        Metrics firstTest = first.metrics();
        List<ClassifierResult.Repeat> repeatResults = new ArrayList<>(List.of(first.repeat()));
        Kept kept = measureAndSave(first.candidate(), strategy, data, firstTest, provenance, forgetting, testTexts, directory);
        ServingWork serving = new ServingWork(first.candidate().encoder().isPresent(),
                first.candidate().extraMultiplyAddsPerPrediction(),
                first.candidate().asksAnLlmInProcess() ? provenance.hostCores() : 0);
        work.put(strategy.name(), serving);
        first = null;
        for (int r = 1; r < repeats; r++) {
            repeatResults.add(buildAndTest(strategy, model, data, r, repeats, testTexts, providers).repeat());
        }
        List<String> validationPredictions = kept.validationPredictions();
        if (data.selectionPlan().crossValidates()) {
            listener.message("  " + data.selectionPlan().method() + " for the choice");
            validationPredictions = CrossValidation.outOfFold(strategy, model, data, setup.labels(),
                    config.evaluation().seed(), listener, providers);
        }
        Metrics validation = Metrics.of(data.selection().stream().map(Example::label).toList(), validationPredictions, data.labels());
        return ClassificationRecords.candidate(strategy.name(), strategy.kind(), strategy.route(), firstTest, validation, repeatResults,
                validationPredictions, kept.timing(), kept.trainableParameters(), kept.totalParameters(), peakHeapMb(),
                kept.forgetting(), kept.llmUsage(), kept.llmFineTune(), kept.distillation(), kept.upfrontUsd())
                .withOptimization(kept.optimization()).withServingWork(serving);
    }

    /** One repeat's candidate, its test metrics and its repeat record. */
    private record Built(Candidate candidate, Metrics metrics, ClassifierResult.Repeat repeat) {
    }

    private Built buildAndTest(StrategyConfig strategy, EncoderModel model, LabelledData data, int r,
                               int repeats, List<String> testTexts, ProviderPool providers) {
        long seed = config.evaluation().seed() + 1000L * r;
        Fit fit = Fit.of(strategy, new TrainingData(model, data.train(), data.validation(), data.labels(), setup.labels(), seed,
                withMessages(listener.training(strategy.name(), r)), providers));
        double trainSeconds = fit.trainSeconds();
        List<String> predictions = fit.predict(testTexts);
        Metrics metrics = Metrics.of(data.test().stream().map(Example::label).toList(), predictions, data.labels());
        listener.message(String.format(java.util.Locale.ROOT, "  repeat %d/%d: test accuracy %.3f, macro-F1 %.3f, %.1f s",
                r + 1, repeats, metrics.accuracy(), metrics.macroF1(), trainSeconds));
        return new Built(fit.candidate(), metrics,
                new ClassifierResult.Repeat(seed, metrics.accuracy(), metrics.macroF1(), trainSeconds, predictions));
    }

    /** What the result needs of the kept candidate once it is saved and let go. */
    private record Kept(List<String> validationPredictions, Timing timing, dev.hone.results.Forgetting forgetting,
                        long trainableParameters, long totalParameters, dev.hone.strategy.LlmUsage llmUsage,
                        dev.hone.strategy.LlmFineTune llmFineTune, dev.hone.strategy.Distillation distillation,
                        double upfrontUsd, dev.hone.results.OptimizationEvidence optimization) {
    }

    /** The kept candidate's validation predictions (none with cross-validation), timing and forgetting; then it is saved. */
    private Kept measureAndSave(Candidate candidate, StrategyConfig strategy, LabelledData data,
                                Metrics test, Provenance provenance, Forgetting forgetting, List<String> testTexts,
                                Path directory) {
        List<String> validationTexts = data.validation().stream().map(Example::text).toList();
        List<String> validationPredictions = data.selectionPlan().crossValidates() || validationTexts.isEmpty()
                ? List.of() : Fit.labels(candidate, validationTexts);
        Timing timing = Timing.measure(candidate, testTexts, config.evaluation().latencySamples());
        dev.hone.results.Forgetting forgot = candidate.tunedEncoder().map(forgetting::measure).orElse(null);
        if (forgot != null) {
            listener.message(String.format(java.util.Locale.ROOT, "  forgetting probe: %.3f pretrained, %.3f tuned",
                    forgot.probeAccuracyBefore(), forgot.probeAccuracyAfter()));
        }
        candidate.save(directory);
        CandidateFiles.write(directory, config, setup, strategy, data, test, provenance, false);
        return new Kept(validationPredictions, timing, forgot, candidate.trainableParameters(), candidate.totalParameters(),
                candidate.llmUsage().orElse(null), candidate.llmFineTune().orElse(null),
                candidate.distillation().orElse(null), candidate.upfrontUsd(), candidate.optimization().orElse(null));
    }

    /** The training listener, with its progress lines (a remote job's status, a teacher labelling) printed as run messages. */
    private dev.hone.engine.train.TrainingListener withMessages(dev.hone.engine.train.TrainingListener training) {
        return new dev.hone.engine.train.TrainingListener() {
            @Override
            public void onStep(dev.hone.engine.train.TrainingProgress progress) {
                training.onStep(progress);
            }

            @Override
            public void message(String line) {
                listener.message("  " + line);
            }
        };
    }

    /** The forgetting probe against the pretrained encoder (scored once, on first use) and tuned ones. */
    private static final class Forgetting {
        private final ForgettingProbe probe = ForgettingProbe.standard();
        private final EncoderModel pretrained;
        private double before = Double.NaN;

        Forgetting(EncoderModel pretrained) {
            this.pretrained = pretrained;
        }

        dev.hone.results.Forgetting measure(dev.hone.engine.model.TextEncoder tuned) {
            if (Double.isNaN(before)) before = probe.accuracy(pretrained);
            return ClassificationRecords.forgetting(before, probe.accuracy(tuned));
        }
    }

    /** Problems that would only surface mid-run are caught here, before the model loads or anything trains. */
    private void checkStrategiesFitTheData(LabelledData data) {
        java.util.Map<String, List<Example>> byLabel = dev.hone.dataset.Splits.byLabel(data.train());
        String smallestLabel = byLabel.entrySet().stream().min(java.util.Comparator.comparingInt(e -> e.getValue().size()))
                .orElseThrow().getKey();
        int count = byLabel.get(smallestLabel).size();
        SelectionPlan plan = data.selectionPlan();
        int folds = plan.folds();
        // Under cross-validation each fold's model sees all but one fold of every class.
        int smallest = plan.crossValidates() ? count - (count + folds - 1) / folds : count;
        for (int i = 0; i < setup.strategies().size(); i++) {
            if (plan.crossValidates() && setup.strategies().get(i).startsPaidJobs()) {
                throw new dev.hone.error.BadInputException(config.source() + ": strategies[" + i + "] ('" + setup.strategies().get(i).name()
                        + "') starts a paid fine-tuning job, but Hone would choose by " + plan.method() + " (" + plan.reason()
                        + "), one more job per fold; add labelled examples or raise dataset.validation_fraction so every label "
                        + "has " + SelectionRule.MIN_VALIDATION_PER_CLASS + " validation examples, or set evaluation.selection: validation");
            }
            StrategyConfig strategy = setup.strategies().get(i);
            strategy.kind().checkInputsOf(strategy);
            Shortfall shortfall = strategy.kind().shortfallOf(strategy, smallest);
            if (shortfall != null) {
                throw new dev.hone.error.BadInputException(config.source() + ": strategies[" + i + "]." + shortfall.key() + " = "
                        + shortfall.value() + " " + shortfall.meaning() + ", but label '" + smallestLabel + "' has only " + smallest
                        + " training examples (" + (plan.crossValidates() ? "in each cross-validation fold" : "after the validation split")
                        + "); " + shortfall.fix());
            }
        }
    }

    private static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
    }

    private static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) bytes += pool.getPeakUsage().getUsed();
        }
        return bytes / (1024.0 * 1024.0);
    }
}
