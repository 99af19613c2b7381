package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One candidate of a classification run. Test figures are those of the first repeat (whose
 * artifact is saved); {@code repeats} holds every repeat for mean ± sd.
 *
 * @param validationAccuracy accuracy on the selection examples (validation split or cross-validation): the
 *                           verdict chooses on it
 * @param latencySource      where the latency came from when it is not this run's own timing (an LLM's answer times)
 * @param finetune           the LLM fine-tuning job behind an {@code llm-finetune} candidate; read from
 *                           {@code remote_finetune} too, its name before in-process tuning
 * @param upfrontUsd         money paid before the candidate could serve, besides CPU time (a hosted job, a
 *                           teacher's labelling); the verdict adds it to the training cost
 * @param promptOnly         trains no weights (the strategy kind's trait): no training cost
 * @param stochastic         depends on the seed (the strategy kind's trait, or an LLM's temperature)
 * @param refitOnAllTrainingData its test figures ({@code accuracy}, {@code macro_f1}, {@code accuracy_ci95},
 *                           {@code test_predictions}, {@code per_class}, {@code confusion}), forgetting and saved
 *                           artifact come from the refit on train + validation after the choice; its selection
 *                           figures, {@code repeats}, timing, parameter counts and costs stay those of the candidate
 *                           built on train that the choice compared. False under cross-validation, where every
 *                           candidate was built on all labelled training examples to begin with.
 * @param route              the route as the verdict's prior names it (the kind, or few-shot's {@code knn} /
 *                           {@code prototype}); null in files written before it was recorded
 * @param serving            the cost model's serving figures, which the verdict decides on; null while the run is
 *                           going and in files written before it (the verdict then reads the candidate's own timing)
 * @param optimization       how the prompt of an {@code optimize:} route was searched (every trial, the best prompt, the
 *                           search's cost); null for every other candidate
 * @param servingWork        what the candidate runs per prediction, which the cost model prices; null in files written
 *                           before it was recorded (a resumed run then builds such a candidate again)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClassifierResult(String name, String kind, String route, double accuracy, double macroF1, List<Double> accuracyCi95,
                               Double latencyMsP50, Double latencyMsP95, Double throughputPerS, double trainSeconds,
                               long trainableParameters, long totalParameters, double accuracyMean, double accuracySd,
                               double macroF1Sd, double validationAccuracy,
                               @JsonProperty("cpu_seconds_per_1000") double cpuSecondsPer1000, double peakHeapMb,
                               Forgetting forgetting, @JsonUnwrapped LlmEvidence llmUsage, String latencySource,
                               double upfrontUsd, @JsonAlias("remote_finetune") LlmFineTuneJob finetune, DistillationEvidence distillation,
                               boolean stochastic, boolean promptOnly, List<Repeat> repeats, List<String> testPredictions,
                               List<String> validationPredictions, Map<String, ClassFigures> perClass, Confusion confusion,
                               boolean refitOnAllTrainingData, ServingCost serving, OptimizationEvidence optimization,
                               ServingWork servingWork)
        implements CandidateResults {

    public ClassifierResult {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("candidates[].name must be a non-empty string");
        if (!(upfrontUsd >= 0)) throw new IllegalArgumentException("candidate '" + name + "': upfront_usd must be ≥ 0, got " + upfrontUsd);
        if (llmUsage != null && llmUsage.absent()) llmUsage = null;
        repeats = repeats == null ? List.of() : List.copyOf(repeats);
        testPredictions = testPredictions == null ? List.of() : List.copyOf(testPredictions);
        validationPredictions = validationPredictions == null ? List.of() : List.copyOf(validationPredictions);
    }

    /** One repeat's seed and test figures. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Repeat(long seed, double accuracy, double macroF1, double trainSeconds, List<String> testPredictions) {
    }

    /** {@code per_class}: precision, recall, F1 and support of one label on test. */
    public record ClassFigures(double precision, double recall, double f1, int support) {
    }

    /** {@code confusion}: rows are the true labels, columns the predicted ones, both in {@code labels} order. */
    public record Confusion(List<String> labels, int[][] matrix) {
    }

    /** This candidate with its distillation evidence replaced (the teacher's figures are known once every candidate is in). */
    public ClassifierResult withDistillation(DistillationEvidence evidence) {
        return new ClassifierResult(name, kind, route, accuracy, macroF1, accuracyCi95, latencyMsP50, latencyMsP95, throughputPerS,
                trainSeconds, trainableParameters, totalParameters, accuracyMean, accuracySd, macroF1Sd, validationAccuracy,
                cpuSecondsPer1000, peakHeapMb, forgetting, llmUsage, latencySource, upfrontUsd, finetune, evidence,
                stochastic, promptOnly, repeats, testPredictions, validationPredictions, perClass, confusion, refitOnAllTrainingData, serving, optimization, servingWork);
    }

    /** This candidate with the cost model's serving figures. */
    public ClassifierResult withServing(ServingCost cost) {
        return new ClassifierResult(name, kind, route, accuracy, macroF1, accuracyCi95, latencyMsP50, latencyMsP95, throughputPerS,
                trainSeconds, trainableParameters, totalParameters, accuracyMean, accuracySd, macroF1Sd, validationAccuracy,
                cpuSecondsPer1000, peakHeapMb, forgetting, llmUsage, latencySource, upfrontUsd, finetune, distillation,
                stochastic, promptOnly, repeats, testPredictions, validationPredictions, perClass, confusion, refitOnAllTrainingData, cost, optimization, servingWork);
    }

    /**
     * This candidate with the optimisation record of the build that was saved (a refit on train +
     * validation searches again, on its own training examples).
     */
    public ClassifierResult withOptimization(OptimizationEvidence evidence) {
        return new ClassifierResult(name, kind, route, accuracy, macroF1, accuracyCi95, latencyMsP50, latencyMsP95, throughputPerS,
                trainSeconds, trainableParameters, totalParameters, accuracyMean, accuracySd, macroF1Sd, validationAccuracy,
                cpuSecondsPer1000, peakHeapMb, forgetting, llmUsage, latencySource, upfrontUsd, finetune, distillation,
                stochastic, promptOnly, repeats, testPredictions, validationPredictions, perClass, confusion, refitOnAllTrainingData, serving,
                evidence, servingWork);
    }

    /** This candidate with what it runs per prediction (known once it is built). */
    public ClassifierResult withServingWork(ServingWork work) {
        return new ClassifierResult(name, kind, route, accuracy, macroF1, accuracyCi95, latencyMsP50, latencyMsP95, throughputPerS,
                trainSeconds, trainableParameters, totalParameters, accuracyMean, accuracySd, macroF1Sd, validationAccuracy,
                cpuSecondsPer1000, peakHeapMb, forgetting, llmUsage, latencySource, upfrontUsd, finetune, distillation,
                stochastic, promptOnly, repeats, testPredictions, validationPredictions, perClass, confusion, refitOnAllTrainingData, serving,
                optimization, work);
    }

    /** The p95 the latency budget is checked on: the cost model's robust figure, else the candidate's own timing. */
    @JsonIgnore
    public Double budgetLatencyMsP95() {
        return serving != null ? Double.valueOf(serving.latencyMsP95()) : latencyMsP95;
    }

    /** The route for the verdict's prior: as recorded, else the kind. */
    @JsonIgnore
    public String routeOrKind() {
        return route != null ? route : kind;
    }

    /**
     * This candidate with the test figures and forgetting of its refit on train + validation, marked
     * as refit; everything the choice read (selection figures, timing, parameters, costs) stays.
     */
    public ClassifierResult withRefitTestFigures(double refitAccuracy, double refitMacroF1, List<Double> refitAccuracyCi95,
                                                 List<String> refitTestPredictions, Map<String, ClassFigures> refitPerClass,
                                                 Confusion refitConfusion, Forgetting refitForgetting) {
        return new ClassifierResult(name, kind, route, refitAccuracy, refitMacroF1, refitAccuracyCi95, latencyMsP50, latencyMsP95,
                throughputPerS, trainSeconds, trainableParameters, totalParameters, accuracyMean, accuracySd, macroF1Sd,
                validationAccuracy, cpuSecondsPer1000, peakHeapMb, refitForgetting, llmUsage, latencySource, upfrontUsd,
                finetune, distillation, stochastic, promptOnly, repeats, refitTestPredictions, validationPredictions,
                refitPerClass, refitConfusion, true, serving, optimization, servingWork);
    }

    /**
     * A hosted fine-tuning job trains on the provider's machines: no local CPU time, its price is
     * {@link #upfrontUsd}. An in-process one trains here like any encoder route.
     */
    @JsonIgnore
    public boolean trainsLocally() {
        return !promptOnly && (finetune == null || finetune.inProcess());
    }

    /** The evidence this candidate carries beyond the common fields. */
    @JsonIgnore
    public List<Evidence> evidence() {
        return Stream.of(forgetting, llmUsage, finetune, distillation, optimization).filter(e -> e != null).map(Evidence.class::cast).toList();
    }

    /** Share of test examples on which every repeat predicted the same label; NaN with fewer than two repeats. */
    @JsonIgnore
    public double consistency() {
        List<List<String>> runs = repeats.stream().map(Repeat::testPredictions).filter(p -> p != null).toList();
        if (runs.size() < 2) return Double.NaN;
        int n = runs.get(0).size();
        int agree = 0;
        for (int i = 0; i < n; i++) {
            String first = runs.get(0).get(i);
            int j = i;
            if (runs.stream().allMatch(p -> p.size() > j && p.get(j).equals(first))) agree++;
        }
        return n == 0 ? Double.NaN : (double) agree / n;
    }
}
