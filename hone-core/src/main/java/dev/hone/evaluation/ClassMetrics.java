package dev.hone.evaluation;

/** Precision, recall and F1 of one class, with its number of true examples. */
public record ClassMetrics(double precision, double recall, double f1, int support) {
}
