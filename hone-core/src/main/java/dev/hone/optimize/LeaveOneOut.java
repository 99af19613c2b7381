package dev.hone.optimize;

import dev.hone.dataset.Example;
import dev.hone.strategy.TrainingData;
import dev.hone.strategy.similarity.SimilarityCandidate;
import java.util.List;

/**
 * Scores a reference set the way {@link SimilarityCandidate} classifies, on the build's training
 * examples, each predicted from the active references other than itself. Every embedding and every
 * scored example's cosine with every training example is computed once; a trial then only sums and
 * sorts cosines.
 */
final class LeaveOneOut {
    private final float[][] train;
    private final int[] trainLabel;
    private final float[][] fixed;
    private final int[] fixedLabel;
    private final int[] scored;
    /** sims[q][j]: cosine of scored example q with training example j. */
    private final float[][] sims;
    private final float[][] fixedSims;
    private final int labels;
    private final boolean knn;
    private final int selectPerLabel;

    LeaveOneOut(TrainingData data, List<Example> fixedReferences, boolean knn, int selectPerLabel, int[] scored) {
        this.labels = data.labels().size();
        this.knn = knn;
        this.selectPerLabel = selectPerLabel;
        this.scored = scored;
        this.train = data.model().embed(data.train().stream().map(Example::text).toList());
        this.trainLabel = data.train().stream().mapToInt(e -> data.labels().indexOf(e.label())).toArray();
        this.fixed = fixedReferences.isEmpty() ? new float[0][] : data.model().embed(fixedReferences.stream().map(Example::text).toList());
        this.fixedLabel = fixedReferences.stream().mapToInt(e -> data.labels().indexOf(e.label())).toArray();
        this.sims = new float[scored.length][];
        this.fixedSims = new float[scored.length][];
        for (int q = 0; q < scored.length; q++) {
            sims[q] = cosines(train[scored[q]], train);
            fixedSims[q] = cosines(train[scored[q]], fixed);
        }
    }

    /** How many training examples a trial predicts. */
    int scored() {
        return scored.length;
    }

    TrialScore score(boolean[] active) {
        double[][] scores = new double[scored.length][];
        int[] truth = new int[scored.length];
        double[][] sums = knn || selectPerLabel > 0 ? null : prototypeSums(active);
        for (int q = 0; q < scored.length; q++) {
            truth[q] = trainLabel[scored[q]];
            scores[q] = sums != null ? prototypeScores(q, active, sums) : nearestScores(q, active);
        }
        return TrialScore.of(scores, truth);
    }

    /** Each label's sum of active and fixed reference embeddings. */
    private double[][] prototypeSums(boolean[] active) {
        int dimension = train.length > 0 ? train[0].length : 0;
        double[][] sums = new double[labels][dimension];
        for (int j = 0; j < train.length; j++) if (active[j]) add(sums[trainLabel[j]], train[j]);
        for (int f = 0; f < fixed.length; f++) add(sums[fixedLabel[f]], fixed[f]);
        return sums;
    }

    /** Cosine with each label's prototype (its references' mean direction), the query itself taken out of its own. */
    private double[] prototypeScores(int q, boolean[] active, double[][] sums) {
        int self = scored[q];
        double[] dots = new double[labels];
        int[] members = new int[labels];
        for (int j = 0; j < train.length; j++) {
            if (active[j] && j != self) {
                dots[trainLabel[j]] += sims[q][j];
                members[trainLabel[j]]++;
            }
        }
        for (int f = 0; f < fixed.length; f++) {
            dots[fixedLabel[f]] += fixedSims[q][f];
            members[fixedLabel[f]]++;
        }
        double[] scores = new double[labels];
        for (int l = 0; l < labels; l++) {
            if (members[l] == 0) {
                scores[l] = -1;
                continue;
            }
            double norm2 = 0;
            for (double v : sums[l]) norm2 += v * v;
            if (active[self] && trainLabel[self] == l) {
                // |sum − e|² = |sum|² − 2 sum·e + e·e, with sum·e = the other members' cosines + e·e.
                double selfDot = sims[q][self];
                norm2 = norm2 - 2 * (dots[l] + selfDot) + selfDot;
            }
            scores[l] = dots[l] / Math.sqrt(Math.max(norm2, 1e-12));
        }
        return scores;
    }

    /**
     * k-NN: the mean cosine of each label's nearest {@link SimilarityCandidate#NEIGHBOURS} references
     * (among its {@code selectPerLabel} nearest, when set); a prototype with {@code selectPerLabel}: the
     * cosine with the mean of the label's nearest references.
     */
    private double[] nearestScores(int q, boolean[] active) {
        int self = scored[q];
        int keep = selectPerLabel > 0 ? selectPerLabel : SimilarityCandidate.NEIGHBOURS;
        double[][] topSims = new double[labels][keep];
        int[][] topIndex = new int[labels][keep];
        int[] filled = new int[labels];
        for (int j = 0; j < train.length; j++) {
            if (active[j] && j != self) insert(topSims[trainLabel[j]], topIndex[trainLabel[j]], filled, trainLabel[j], sims[q][j], j);
        }
        for (int f = 0; f < fixed.length; f++) insert(topSims[fixedLabel[f]], topIndex[fixedLabel[f]], filled, fixedLabel[f], fixedSims[q][f], -1 - f);
        double[] scores = new double[labels];
        for (int l = 0; l < labels; l++) {
            if (filled[l] == 0) {
                scores[l] = -1;
            } else if (knn) {
                int m = Math.min(filled[l], SimilarityCandidate.NEIGHBOURS);
                double sum = 0;
                for (int i = 0; i < m; i++) sum += topSims[l][i];
                scores[l] = sum / m;
            } else {
                double[] mean = new double[train[0].length];
                for (int i = 0; i < filled[l]; i++) add(mean, topIndex[l][i] >= 0 ? train[topIndex[l][i]] : fixed[-1 - topIndex[l][i]]);
                double dot = 0;
                double norm2 = 0;
                for (int d = 0; d < mean.length; d++) {
                    dot += mean[d] * train[self][d];
                    norm2 += mean[d] * mean[d];
                }
                scores[l] = dot / Math.sqrt(Math.max(norm2, 1e-12));
            }
        }
        return scores;
    }

    /** Inserts into a label's descending top list (its capacity is the arrays' length). */
    private static void insert(double[] top, int[] index, int[] filled, int label, double sim, int j) {
        int n = filled[label];
        if (n == top.length && sim <= top[n - 1]) return;
        int at = Math.min(n, top.length - 1);
        while (at > 0 && top[at - 1] < sim) {
            top[at] = top[at - 1];
            index[at] = index[at - 1];
            at--;
        }
        top[at] = sim;
        index[at] = j;
        if (n < top.length) filled[label] = n + 1;
    }

    private static void add(double[] sum, float[] e) {
        for (int d = 0; d < sum.length; d++) sum[d] += e[d];
    }

    private static float[] cosines(float[] query, float[][] references) {
        float[] out = new float[references.length];
        for (int j = 0; j < references.length; j++) out[j] = (float) TemplateSearch.dot(query, references[j]);
        return out;
    }
}
