package dev.hone.engine.train;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.autograd.Tape;
import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.kernel.KernelSelection;
import dev.hone.engine.model.TextEncoder;
import dev.hone.engine.tensor.Tensor;
import java.util.List;

/**
 * Multinomial logistic regression on frozen sentence embeddings: the texts are embedded once,
 * then the head is fitted full-batch with AdamW and L2 weight decay. Convex, so a fixed number
 * of steps from a seeded start gives the same head every time.
 */
public final class HeadTrainer {
    /** Full-batch steps; enough for convergence on unit-norm embeddings at the default rate. */
    private static final int STEPS = 300;

    private HeadTrainer() {
    }

    public static TunedClassifier train(TextEncoder encoder, LabelledTexts train, int numberOfClasses,
                                        FineTuneOptions options, TrainingListener listener) {
        // The head is small (classes × hidden): one thread, no pool to start or stop.
        Kernels kernels = KernelSelection.forThisJvm(1);
        float[][] embeddings = encoder.embed(train.texts());
        SoftmaxHead head = fit(embeddings, train.labels(), numberOfClasses, options, kernels, listener);
        // A contrastively tuned encoder's adapters or weights were trained too: count them.
        long tunedEncoder = encoder instanceof dev.hone.engine.model.TunedEncoder tuned ? tuned.trainableParameters() : 0;
        return new HeadClassifier(encoder, head, kernels, head.weight().size() + head.bias().size() + tunedEncoder);
    }

    static SoftmaxHead fit(float[][] embeddings, int[] labels, int numberOfClasses, FineTuneOptions options,
                           Kernels kernels, TrainingListener listener) {
        int hidden = embeddings[0].length;
        float[] flat = new float[embeddings.length * hidden];
        for (int i = 0; i < embeddings.length; i++) System.arraycopy(embeddings[i], 0, flat, i * hidden, hidden);
        Tensor x = Tensor.of(flat, embeddings.length, hidden);
        SoftmaxHead head = SoftmaxHead.initialise(numberOfClasses, hidden, options.seed());
        AdamW optimizer = new AdamW(List.of(head.weight(), head.bias()), options.weightDecay());
        LearningRateSchedule schedule = LearningRateSchedule.linear(STEPS, 0f);
        long started = System.nanoTime();
        for (int step = 0; step < STEPS; step++) {
            Tape tape = new Tape();
            Graph graph = Graph.training(kernels, tape, options.seed());
            Tensor loss = graph.crossEntropy(head.logits(graph, x), labels);
            tape.backward(loss);
            float rate = options.headLearningRate() * schedule.factor(step);
            optimizer.step(new float[] {rate, rate});
            optimizer.zeroGradients();
            listener.onStep(new TrainingProgress(1, 1, step + 1, STEPS, loss.data()[0],
                    (System.nanoTime() - started) / 1e9));
        }
        return head;
    }
}
