package dev.hone.optimize;

import dev.hone.results.OptimizationEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.ToDoubleFunction;

/**
 * The scored history of an LLM prompt search (OPRO's): every prompt tried, in order, with the trial
 * it was derived from, and which one is the best so far. A prompt is kept only when it beats the
 * best strictly, so the configured prompt (trial 0) wins exact ties.
 *
 * @param <S> a scored prompt
 */
public final class TrialHistory<S> {
    private final BiPredicate<S, S> beats;
    private final ToDoubleFunction<S> score;
    private final List<S> scored = new ArrayList<>();
    private final List<OptimizationEvidence.Trial> trials = new ArrayList<>();
    private int best;

    /**
     * @param beats whether the first prompt is strictly better than the second
     * @param score the figure a trial records
     */
    public TrialHistory(BiPredicate<S, S> beats, ToDoubleFunction<S> score) {
        this.beats = beats;
        this.score = score;
    }

    /** Adds a trial; false when there was none to add ({@code prompt} null: the budget did not cover scoring it). */
    public boolean record(Integer parent, String description, S prompt) {
        if (prompt == null) return false;
        boolean kept = scored.isEmpty() || beats.test(prompt, scored.get(best));
        scored.add(prompt);
        trials.add(new OptimizationEvidence.Trial(trials.size(), parent, description, score.applyAsDouble(prompt), kept));
        if (kept) best = trials.size() - 1;
        return true;
    }

    public boolean isEmpty() {
        return scored.isEmpty();
    }

    public int size() {
        return scored.size();
    }

    /** The id of the best trial so far. */
    public int bestId() {
        return best;
    }

    public S best() {
        return scored.get(best);
    }

    /** The configured prompt, trial 0. */
    public S configured() {
        return scored.get(0);
    }

    /** Every prompt scored, in trial order. */
    public List<S> scored() {
        return List.copyOf(scored);
    }

    public List<OptimizationEvidence.Trial> trials() {
        return List.copyOf(trials);
    }
}
