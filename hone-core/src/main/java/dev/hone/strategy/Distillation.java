package dev.hone.strategy;

/**
 * How a distilled student's training labels were made: by which teacher, from which texts, and
 * at what cost (tokens as first paid, so cached answers count what they cost when first asked).
 *
 * @param source           "train split" (the training texts, labels hidden) or the unlabeled file
 * @param texts            texts the teacher was asked to label
 * @param labelled         texts whose answer parsed to a label (the student's training set)
 * @param dropped          texts whose answer matched no label, left out
 * @param agreementWithGold share of labelled training texts where the teacher gave the gold label; NaN for an unlabeled file
 * @param teacherUsd       labelling at the teacher's token prices
 * @param teacherTrainingUsd what the teacher's own fine-tuning job cost (a hosted llm-finetune teacher), else 0
 */
public record Distillation(String teacher, String teacherKind, String source, int texts, int labelled, int dropped,
                           double agreementWithGold, long teacherRequests, long teacherCachedRequests, long teacherInputTokens,
                           long teacherOutputTokens, double teacherUsd, double teacherTrainingUsd) {
    public Distillation {
        if (labelled + dropped != texts) {
            throw new IllegalArgumentException("labelled (" + labelled + ") + dropped (" + dropped + ") must equal texts (" + texts + ")");
        }
        if (!Double.isNaN(agreementWithGold) && !(agreementWithGold >= 0 && agreementWithGold <= 1)) {
            throw new IllegalArgumentException("agreementWithGold must be within [0, 1] or NaN, got " + agreementWithGold);
        }
        if (!(teacherUsd >= 0) || !(teacherTrainingUsd >= 0)) throw new IllegalArgumentException("teacher costs must be ≥ 0");
    }

    /** Everything paid before the student could serve: the labelling and the teacher's own training. */
    public double upfrontUsd() {
        return teacherUsd + teacherTrainingUsd;
    }
}
