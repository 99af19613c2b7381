package dev.hone.engine.autograd;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.tensor.Tensor;

/** Scalar training losses with their gradients. */
final class Losses {
    private Losses() {
    }

    static Tensor crossEntropy(Tape tape, Kernels kernels, Tensor logits, int[] labels, boolean tracked) {
        int rows = logits.rows();
        int classes = logits.columns();
        if (labels.length != rows) {
            throw new IllegalArgumentException("crossEntropy: " + rows + " rows of logits but " + labels.length + " labels");
        }
        float[] probabilities = logits.data().clone();
        kernels.softmaxRows(probabilities, 0, rows, classes);
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("crossEntropy: label " + labels[r] + " outside [0, " + classes + ")");
            }
            loss -= Math.log(Math.max(probabilities[r * classes + labels[r]], 1e-30f));
        }
        Tensor result = Tensor.zeros(tracked, 1);
        result.data()[0] = (float) (loss / rows);
        if (tracked) {
            tape.record(() -> {
                // d loss / d logits = (softmax − onehot) / rows
                float upstream = result.gradient()[0] / rows;
                float[] dl = logits.gradient();
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < classes; c++) {
                        float target = c == labels[r] ? 1f : 0f;
                        dl[r * classes + c] += upstream * (probabilities[r * classes + c] - target);
                    }
                }
            });
        }
        return result;
    }

    static Tensor cosineSimilarity(Tape tape, Kernels kernels, Tensor a, Tensor b, float[] targets, boolean tracked) {
        int rows = a.rows();
        int cols = a.columns();
        if (b.rows() != rows || targets.length != rows) {
            throw new IllegalArgumentException("cosineSimilarityLoss: " + rows + " rows, " + b.rows()
                    + " rows and " + targets.length + " targets must agree");
        }
        float[] cosines = new float[rows];
        float[] normsA = new float[rows];
        float[] normsB = new float[rows];
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            normsA[r] = Math.max((float) Math.sqrt(kernels.dot(a.data(), r * cols, a.data(), r * cols, cols)), 1e-12f);
            normsB[r] = Math.max((float) Math.sqrt(kernels.dot(b.data(), r * cols, b.data(), r * cols, cols)), 1e-12f);
            cosines[r] = kernels.dot(a.data(), r * cols, b.data(), r * cols, cols) / (normsA[r] * normsB[r]);
            double error = cosines[r] - targets[r];
            loss += error * error;
        }
        Tensor result = Tensor.zeros(tracked, 1);
        result.data()[0] = (float) (loss / rows);
        if (tracked) {
            tape.record(() -> {
                float upstream = result.gradient()[0] / rows;
                for (int r = 0; r < rows; r++) {
                    // d cos / d a = b/(|a||b|) − cos·a/|a|²
                    float dCos = upstream * 2 * (cosines[r] - targets[r]);
                    float inverseNorms = 1f / (normsA[r] * normsB[r]);
                    if (a.requiresGradient()) {
                        kernels.axpy(dCos * inverseNorms, b.data(), r * cols, a.gradient(), r * cols, cols);
                        kernels.axpy(-dCos * cosines[r] / (normsA[r] * normsA[r]), a.data(), r * cols, a.gradient(), r * cols, cols);
                    }
                    if (b.requiresGradient()) {
                        kernels.axpy(dCos * inverseNorms, a.data(), r * cols, b.gradient(), r * cols, cols);
                        kernels.axpy(-dCos * cosines[r] / (normsB[r] * normsB[r]), b.data(), r * cols, b.gradient(), r * cols, cols);
                    }
                }
            });
        }
        return result;
    }
}
