package dev.hone.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification metrics of predicted against true labels.
 *
 * @param confusion rows are true labels, columns predicted labels, both in {@code labels} order
 * @param accuracyInterval Wilson 95% interval of the accuracy
 */
public record Metrics(double accuracy, double macroF1, Map<String, ClassMetrics> perClass, int[][] confusion,
                      List<String> labels, double[] accuracyInterval, int correct, int total) {

    public static Metrics of(List<String> truth, List<String> predicted, List<String> labels) {
        if (truth.size() != predicted.size()) {
            throw new IllegalArgumentException(truth.size() + " true labels but " + predicted.size() + " predictions");
        }
        int n = labels.size();
        int[][] confusion = new int[n][n];
        int correct = 0;
        for (int i = 0; i < truth.size(); i++) {
            int t = labels.indexOf(truth.get(i));
            int p = labels.indexOf(predicted.get(i));
            if (t < 0 || p < 0) throw new IllegalArgumentException("label outside " + labels + ": " + truth.get(i) + " / " + predicted.get(i));
            confusion[t][p]++;
            if (t == p) correct++;
        }
        Map<String, ClassMetrics> perClass = new LinkedHashMap<>();
        double f1Sum = 0;
        for (int c = 0; c < n; c++) {
            int truePositives = confusion[c][c];
            int support = 0;
            int predictedAs = 0;
            for (int j = 0; j < n; j++) {
                support += confusion[c][j];
                predictedAs += confusion[j][c];
            }
            double precision = predictedAs == 0 ? 0 : truePositives / (double) predictedAs;
            double recall = support == 0 ? 0 : truePositives / (double) support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.put(labels.get(c), new ClassMetrics(precision, recall, f1, support));
            f1Sum += f1;
        }
        int total = truth.size();
        double accuracy = total == 0 ? 0 : correct / (double) total;
        return new Metrics(accuracy, n == 0 ? 0 : f1Sum / n, perClass, confusion, List.copyOf(labels),
                Wilson.interval(correct, total), correct, total);
    }
}
