package dev.hone.optimize;

import dev.hone.dataset.Example;
import dev.hone.dataset.Splits;
import dev.hone.results.OptimizationEvidence;
import dev.hone.strategy.TrainingData;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The encoder's few-shot reference selection (bootstrap): starting from the references the
 * strategy would use, each training example in a seeded order is tried in or out of the reference
 * set, and the change is kept only when it raises the score — accuracy, then the right label's
 * probability — of a leave-one-out pass over the build's training examples (each is predicted from
 * the references without itself: folds of one example). Validation and test are never read: the build
 * is not given them.
 */
public final class ReferenceSelection {
    /** Training examples predicted per trial at most (a seeded sample above it), so a trial stays a few million multiply-adds. */
    static final int MAX_SCORED = 2_000;

    private ReferenceSelection() {
    }

    /** The references kept (in the order of {@code start}'s labels) and the record of the search. */
    public record Result(List<Example> references, OptimizationEvidence evidence) {
    }

    /**
     * Selects references among {@code data.train()}.
     *
     * @param start          the references the strategy would use unoptimised (training examples)
     * @param fixed          references that are always in (a prototype's label sentences)
     * @param knn            k-NN (mean of the nearest) rather than a prototype (mean embedding)
     * @param selectPerLabel per query, only each label's this many most similar references count; 0 for all
     */
    public static Result search(TrainingData data, List<Example> start, List<Example> fixed, boolean knn, int selectPerLabel,
                                OptimizeConfig optimize) {
        long started = System.nanoTime();
        List<Example> train = data.train();
        Map<Example, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < train.size(); i++) position.put(train.get(i), i);
        boolean[] active = new boolean[train.size()];
        for (Example e : start) {
            Integer at = position.get(e);
            if (at == null) throw new IllegalArgumentException("a starting reference is not one of the training examples: " + e.location());
            active[at] = true;
        }
        LeaveOneOut scorer = new LeaveOneOut(data, fixed, knn, selectPerLabel, sample(train.size(), optimize.seed()));

        List<OptimizationEvidence.Trial> trials = new ArrayList<>();
        TrialScore bestScore = scorer.score(active);
        int best = 0;
        trials.add(new OptimizationEvidence.Trial(0, null, "the configured references (" + count(active) + ")", bestScore.accuracy(), true));
        List<Integer> order = Splits.shuffle(IntStream.range(0, train.size()).boxed().toList(), new SplittableRandom(optimize.seed()));
        for (int j : order) {
            if (trials.size() >= optimize.maxTrials()) break;
            if (active[j] && lastOfItsLabel(active, train, j)) continue;
            active[j] = !active[j];
            TrialScore score = scorer.score(active);
            boolean kept = score.beats(bestScore);
            String change = (active[j] ? "add " : "drop ") + quote(train.get(j));
            trials.add(new OptimizationEvidence.Trial(trials.size(), best, change, score.accuracy(), kept));
            if (kept) {
                bestScore = score;
                best = trials.size() - 1;
            } else {
                active[j] = !active[j];
            }
        }
        List<Example> chosen = new ArrayList<>();
        for (String label : Splits.byLabel(train).keySet()) {
            for (int i = 0; i < train.size(); i++) if (active[i] && train.get(i).label().equals(label)) chosen.add(train.get(i));
        }
        data.listener().message(String.format(Locale.ROOT, "  reference selection: %d trials on %d training examples (leave-one-out); "
                + "%d references kept of %d configured, %.3f (configured %.3f)", trials.size(), scorer.scored(), chosen.size(),
                start.size(), bestScore.accuracy(), trials.get(0).score()));
        var evidence = new OptimizationEvidence(optimize.method().id(), "references", "leave-one-out accuracy on "
                + scorer.scored() + " of the " + train.size() + " training examples of this build (each predicted from the references"
                + " without itself; validation and test are never read)", scorer.scored(), written(start), written(chosen), best,
                optimize.maxTrials(), trials, 0, 0, 0, 0, (System.nanoTime() - started) / 1e9);
        return new Result(chosen, evidence);
    }

    /** The training positions scored: all of them, or a seeded sample of {@link #MAX_SCORED}. */
    private static int[] sample(int size, long seed) {
        if (size <= MAX_SCORED) return IntStream.range(0, size).toArray();
        return Splits.shuffle(IntStream.range(0, size).boxed().toList(), new SplittableRandom(seed ^ 0x5DEECE66DL))
                .subList(0, MAX_SCORED).stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static boolean lastOfItsLabel(boolean[] active, List<Example> train, int j) {
        for (int i = 0; i < active.length; i++) {
            if (i != j && active[i] && train.get(i).label().equals(train.get(j).label())) return false;
        }
        return true;
    }

    private static int count(boolean[] active) {
        int n = 0;
        for (boolean a : active) if (a) n++;
        return n;
    }

    private static String quote(Example e) {
        String text = e.text().strip().replaceAll("\\s+", " ");
        return "'" + (text.length() > 60 ? text.substring(0, 57) + "…" : text) + "' (" + e.label() + ")";
    }

    /** The references as they run: one "label → text" line each. */
    static String written(List<Example> references) {
        StringBuilder text = new StringBuilder();
        for (Example e : references) {
            if (!text.isEmpty()) text.append('\n');
            text.append(e.label()).append(" → ").append(e.text().strip().replaceAll("\\s+", " "));
        }
        return text.toString();
    }
}
