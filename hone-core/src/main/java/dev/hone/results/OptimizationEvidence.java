package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code optimization}: how a prompt route's prompt was optimised before it was measured — every
 * prompt tried with its score and the trial it was derived from, the user's prompt and the best one
 * written out in full (the report diffs them), and what the search cost. Trials are scored on the
 * training examples of the build that was saved, never on validation or test.
 *
 * @param method       {@code bootstrap-few-shot}, {@code instruction-search} or {@code both}
 * @param target       what was searched: {@code template} (zero-shot label sentences), {@code references}
 *                     (few-shot reference examples), {@code instruction}, {@code demonstrations}
 * @param scoredOn     how a trial was scored, in words (which examples, which folds)
 * @param examples     training examples each trial was scored on
 * @param promptBefore the user's prompt as it runs (trial 0)
 * @param promptAfter  the best prompt as it runs (what the candidate saved and serves)
 * @param bestTrial    the id of the trial whose prompt was kept
 * @param maxTrials    the budget in trials; {@code trials} holds at most this many
 * @param requests     requests the search sent to an LLM (0 for an encoder route's search)
 * @param usd          what those requests cost at the providers' prices; part of the candidate's upfront cost
 * @param seconds      the search's wall time (part of the build's training seconds)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptimizationEvidence(String method, String target, String scoredOn, int examples, String promptBefore,
                                   String promptAfter, int bestTrial, int maxTrials, List<Trial> trials, long requests,
                                   long inputTokens, long outputTokens, double usd, double seconds) implements Evidence {

    public OptimizationEvidence {
        trials = trials == null ? List.of() : List.copyOf(trials);
        if (!(usd >= 0)) throw new IllegalArgumentException("optimization.usd must be ≥ 0, got " + usd);
    }

    /**
     * One prompt tried.
     *
     * @param parent the trial it was derived from (null for the user's prompt and for prompts of a fixed family)
     * @param prompt what this prompt is, in a line (the template and label form, or the change from its parent)
     * @param score  accuracy on the training examples (see {@link #scoredOn})
     * @param kept   whether the search kept it as its best so far
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trial(int id, Integer parent, String prompt, double score, boolean kept) {
    }

    /** The score of the user's prompt (trial 0). */
    @JsonIgnore
    public double baselineScore() {
        return trials.isEmpty() ? Double.NaN : trials.get(0).score();
    }

    /** The score of the prompt that was kept. */
    @JsonIgnore
    public double bestScore() {
        return trials.stream().filter(t -> t.id() == bestTrial).mapToDouble(Trial::score).findFirst().orElse(Double.NaN);
    }
}
