package dev.hone.strategy.llm;

import dev.hone.Prediction;
import dev.hone.dataset.Example;
import dev.hone.dataset.Splits;
import dev.hone.optimize.DemonstrationMoves;
import dev.hone.optimize.InstructionProposer;
import dev.hone.optimize.OptimizeConfig;
import dev.hone.optimize.RequestBudget;
import dev.hone.optimize.ScoringSplit;
import dev.hone.optimize.TrialHistory;
import dev.hone.provider.LikelihoodScorer;
import dev.hone.provider.Provider;
import dev.hone.results.OptimizationEvidence;
import dev.hone.strategy.Demonstrations;
import dev.hone.strategy.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prompt search for the LLM routes, under a request and dollar budget ({@link RequestBudget}).
 * The build's training examples are split in two, seeded: a scoring part, on which every prompt
 * is asked and scored (accuracy, then the right label's probability), and a pool the demonstrations
 * come from, so no prompt is scored on a text it shows as a demonstration. Validation and test are
 * never read: the build is not given them.
 *
 * <ul>
 * <li>{@code bootstrap-few-shot}: starting from the configured demonstrations (a seeded draw from the
 * pool; none for llm-zero-shot and llm-cot), one pool example at a time is tried in or out, and kept
 * only when the score rises.</li>
 * <li>{@code instruction-search} (OPRO-style): the proposer LLM is shown the labels, a few training
 * examples, the instructions tried so far with their scores and the best one's mistakes, and writes a
 * new instruction; the route's answer format and label list are appended to it, so answers still parse.</li>
 * <li>{@code both}: demonstrations first, for half the trials, then the instruction.</li>
 * </ul>
 */
final class LlmPromptSearch {
    /** Demonstrations bootstrap may give a route that has none configured (llm-zero-shot, llm-cot). */
    static final int DEMONSTRATIONS_WITHOUT_K = 4;
    static final String ANSWER_FORMAT = "Reply with exactly one label from the list below and nothing else.\nLabels:\n{labels}";
    static final String REASONING_FORMAT = "Think step by step in a few short sentences, then end with a final line of the form "
            + "\"Answer: <label>\", where <label> is exactly one label from the list below.\nLabels:\n{labels}";

    /** The kept prompt: its system template, its demonstrations (null: the configured selection), and the record. */
    record Result(String system, List<Example> demonstrations, OptimizationEvidence evidence) {
    }

    /** One scored prompt. */
    private record Scored(String system, List<Example> demonstrations, double accuracy, double probability, List<String> answers) {
        boolean beats(Scored other) {
            return accuracy != other.accuracy ? accuracy > other.accuracy : probability > other.probability + 1e-12;
        }
    }

    private final LlmConfig config;
    private final TrainingData data;
    private final OptimizeConfig optimize;
    private final RequestBudget budget;
    private final Provider route;
    private final LikelihoodScorer scorer;
    private final InstructionProposer instructions;
    private final List<Example> scoring;
    private final List<Example> pool;
    private final String fallbackLabel;
    private final TrialHistory<Scored> history = new TrialHistory<>(Scored::beats, Scored::accuracy);

    private LlmPromptSearch(LlmConfig config, TrainingData data, LikelihoodScorer routeScorer, String fallbackLabel) {
        this.config = config;
        this.data = data;
        this.optimize = config.optimize();
        this.budget = new RequestBudget(optimize.maxRequests(), optimize.maxUsd());
        this.route = budget.wrap(data.providers().provider(config.provider()));
        this.scorer = routeScorer == null ? null : budget.wrap(routeScorer, config.provider());
        this.fallbackLabel = fallbackLabel;
        ScoringSplit<Example> split = ScoringSplit.of(data.train(), optimize.seed(), optimize.method().selectsDemonstrations() || config.k() > 0,
                optimize.maxRequests(), config.samples());
        this.scoring = split.scoring();
        this.pool = split.pool();
        this.instructions = new InstructionProposer(budget.wrap(data.providers().provider(optimize.proposer())), "a text classifier",
                "Text", "Label", "accuracy on held-out examples", optimize.seed());
    }

    static Result search(LlmConfig config, TrainingData data, LikelihoodScorer routeScorer, String fallbackLabel) {
        return new LlmPromptSearch(config, data, routeScorer, fallbackLabel).run();
    }

    private Result run() {
        long started = System.nanoTime();
        List<Example> configured = config.k() > 0 ? Demonstrations.random(pool, config.k(), data.seed()).savedPool() : List.of();
        try {
            if (!history.record(null, "the configured prompt", score(config.systemTemplate(), configured))) {
                throw new IllegalStateException("the budget did not allow scoring the configured prompt");
            }
            int bootstrapTrials = optimize.method().searchesInstructions() && optimize.method().selectsDemonstrations()
                    ? optimize.maxTrials() / 2 : optimize.maxTrials();
            if (optimize.method().selectsDemonstrations()) bootstrap(bootstrapTrials);
            if (optimize.method().searchesInstructions()) searchInstructions();
        } catch (RequestBudget.Exhausted | IllegalStateException e) {
            data.listener().message("  prompt search stopped: " + e.getMessage());
        }
        if (history.isEmpty()) {
            // Not even the configured prompt could be scored within the budget: nothing to choose, the prompt stays.
            return new Result(config.systemTemplate(), null, evidence(configured, configured, config.systemTemplate(), started));
        }
        Scored kept = history.best();
        data.listener().message(String.format(Locale.ROOT, "  prompt search: %d trials, %d requests ($%.4f) on %d training examples; "
                + "kept trial %d (%.3f, the configured prompt %.3f)", history.size(), budget.requests(), budget.usd(), scoring.size(),
                history.bestId(), kept.accuracy(), history.configured().accuracy()));
        boolean demonstrationsChanged = !kept.demonstrations().equals(configured);
        return new Result(kept.system(), demonstrationsChanged ? kept.demonstrations() : null,
                evidence(configured, kept.demonstrations(), kept.system(), started));
    }

    private void bootstrap(int trialBudget) {
        DemonstrationMoves<Example> moves = new DemonstrationMoves<>(config.k() > 0 ? config.k() : DEMONSTRATIONS_WITHOUT_K,
                LlmPromptSearch::quote);
        for (Example candidate : Splits.shuffle(pool, new SplittableRandom(optimize.seed() + 1))) {
            if (history.size() >= trialBudget || !affords(0)) return;
            Scored current = history.best();
            DemonstrationMoves.Move<Example> move = moves.next(current.demonstrations(), candidate);
            if (!history.record(history.bestId(), move.change(), score(current.system(), move.demonstrations()))) return;
        }
    }

    private void searchInstructions() {
        while (history.size() < optimize.maxTrials() && affords(1)) {
            String instruction = propose();
            if (instruction.isBlank()) continue;
            String system = instruction + "\n" + (config.reasons() ? REASONING_FORMAT : ANSWER_FORMAT);
            Scored current = history.best();
            if (!history.record(history.bestId(), "instruction: " + oneLine(instruction), score(system, current.demonstrations()))) return;
        }
    }

    /** Whether a trial (plus {@code extra} proposer requests) still fits the budget. */
    private boolean affords(int extra) {
        return budget.allows((long) scoring.size() * config.samples() + extra);
    }

    /** The prompt's answers on the scoring examples; null when the budget does not cover them. */
    private Scored score(String system, List<Example> demonstrations) {
        if (!affords(0)) return null;
        LlmConfig trial = config.withSystemTemplate(system);
        LlmPrompt prompt = new LlmPrompt(system, config.userTemplate(), config.demonstrationTemplate(), data.labels(), data.descriptions());
        LlmCandidate candidate = new LlmCandidate(trial, route, scorer, prompt, Demonstrations.fixed(demonstrations), fallbackLabel,
                data.seed());
        List<Prediction> predictions = candidate.predictBatch(scoring.stream().map(Example::text).toList());
        int right = 0;
        double probability = 0;
        for (int i = 0; i < predictions.size(); i++) {
            String truth = scoring.get(i).label();
            if (predictions.get(i).label().equals(truth)) right++;
            probability += predictions.get(i).scores().getOrDefault(truth, 0.0);
        }
        return new Scored(system, List.copyOf(demonstrations), (double) right / predictions.size(), probability / predictions.size(),
                predictions.stream().map(Prediction::label).toList());
    }

    /** Asks the proposer for a new instruction from the scored history. */
    private String propose() {
        StringBuilder task = new StringBuilder("Task: classify texts into one of these labels.\n");
        for (String label : data.labels()) {
            String description = data.descriptions().getOrDefault(label, "");
            task.append("- ").append(label).append(description.isBlank() ? "" : ": " + description.strip()).append('\n');
        }
        List<InstructionProposer.Shown> examples = (pool.isEmpty() ? scoring : pool).stream()
                .map(e -> new InstructionProposer.Shown(e.text(), e.label(), null)).toList();
        List<InstructionProposer.Tried> tried = history.scored().stream()
                .map(s -> new InstructionProposer.Tried(s.system(), s.accuracy(), s.probability())).toList();
        Scored current = history.best();
        List<InstructionProposer.Shown> mistakes = new ArrayList<>();
        for (int i = 0; i < scoring.size(); i++) {
            if (current.answers().get(i).equals(scoring.get(i).label())) continue;
            mistakes.add(new InstructionProposer.Shown(scoring.get(i).text(), scoring.get(i).label(), current.answers().get(i)));
        }
        return instructions.propose(task.toString(), examples, tried, mistakes,
                "the list of labels and the answer format are added after it.", history.size());
    }

    private OptimizationEvidence evidence(List<Example> before, List<Example> after, String systemAfter, long started) {
        String target = optimize.method().searchesInstructions() && optimize.method().selectsDemonstrations() ? "instruction and demonstrations"
                : optimize.method().searchesInstructions() ? "instruction" : "demonstrations";
        return new OptimizationEvidence(optimize.method().id(), target, "accuracy on " + scoring.size() + " of the " + data.train().size()
                + " training examples of this build (demonstrations come from the other " + pool.size() + "; validation and test are never read)",
                scoring.size(), written(config.systemTemplate(), before), written(systemAfter, after), history.bestId(), optimize.maxTrials(),
                history.trials(), budget.requests(), budget.inputTokens(), budget.outputTokens(), budget.usd(), (System.nanoTime() - started) / 1e9);
    }

    /** The prompt as it runs: the system template, then each demonstration as a line. */
    private static String written(String system, List<Example> demonstrations) {
        StringBuilder text = new StringBuilder(system.strip());
        for (Example e : demonstrations) text.append("\ndemonstration: ").append(oneLine(e.text())).append(" → ").append(e.label());
        return text.toString();
    }

    private static String quote(Example e) {
        return DemonstrationMoves.quote(e.text(), e.label());
    }

    private static String oneLine(String text) {
        return InstructionProposer.oneLine(text);
    }
}
