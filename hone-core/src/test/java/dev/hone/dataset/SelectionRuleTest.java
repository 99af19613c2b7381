package dev.hone.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.config.SelectionMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionRuleTest {
    private static final SelectionRule AUTO = new SelectionRule(SelectionMode.AUTO, 5, 2, false);

    /** {@code counts[i]} examples of label "l{i}". */
    private static List<Example> perClass(int... counts) {
        List<Example> examples = new ArrayList<>();
        for (int label = 0; label < counts.length; label++) {
            for (int i = 0; i < counts[label]; i++) examples.add(new Example("t" + label + "-" + i, "l" + label, "f:" + examples.size()));
        }
        return examples;
    }

    @Test
    void autoHoldsOutAValidationSplitFromTwoHundredExamplesAndCrossValidatesBelow() {
        // Half of each class held out: 100 + 100, then 100 + 99 (Splits rounds 99.5 up, 99 stays).
        SelectionPlan at = AUTO.plan(perClass(200, 200), 0.5);
        assertThat(at.crossValidates()).isFalse();
        assertThat(at.reason()).contains("a validation split holds 200 examples");
        SelectionPlan below = AUTO.plan(perClass(199, 198), 0.5);
        assertThat(below.crossValidates()).isTrue();
        assertThat(below.folds()).isEqualTo(5);
        assertThat(below.repeats()).isEqualTo(2);
        assertThat(below.reason()).contains("would hold 199 examples, fewer than 200");
    }

    @Test
    void autoCrossValidatesWhenAClassWouldHaveFewerThanThreeValidationExamples() {
        // 0.15 of 1,600 is 240 held out, but 0.15 of 12 rounds to 2.
        SelectionPlan plan = AUTO.plan(perClass(1_588, 12), 0.15);
        assertThat(plan.crossValidates()).isTrue();
        assertThat(plan.reason()).contains("2 example(s) of label 'l1', fewer than 3");
        assertThat(AUTO.plan(perClass(1_580, 20), 0.15).crossValidates()).isFalse();
    }

    @Test
    void theDemoIsCrossValidated() {
        // examples/support-intents: 11 labels × 30 training examples, 15% would be 55 validation texts.
        int[] demo = new int[11];
        java.util.Arrays.fill(demo, 30);
        SelectionPlan plan = AUTO.plan(perClass(demo), 0.15);
        assertThat(plan.crossValidates()).isTrue();
        assertThat(plan.method()).isEqualTo("5-fold cross-validation × 2");
    }

    @Test
    void foldsNeverOutnumberTheSmallestClassNorFallBelowTwo() {
        assertThat(AUTO.plan(perClass(3, 40), 0.15).folds()).isEqualTo(3);
        assertThat(AUTO.plan(perClass(1, 40), 0.15).folds()).isEqualTo(2);
        assertThat(new SelectionRule(SelectionMode.AUTO, 10, 1, false).plan(perClass(30, 30), 0.15).folds()).isEqualTo(10);
    }

    @Test
    void noValidationFractionMeansCrossValidation() {
        assertThat(AUTO.plan(perClass(5_000, 5_000), 0).crossValidates()).isTrue();
    }

    @Test
    void anExplicitModeWinsWhateverTheSize() {
        assertThat(new SelectionRule(SelectionMode.VALIDATION, 5, 2, false).plan(perClass(8, 8), 0.2).crossValidates()).isFalse();
        SelectionPlan forced = new SelectionRule(SelectionMode.CROSS_VALIDATION, 5, 3, false).plan(perClass(2_000, 2_000), 0.15);
        assertThat(forced.crossValidates()).isTrue();
        assertThat(forced.repeats()).isEqualTo(3);
    }

    @Test
    void paidJobsKeepASmallValidationSplitWhenEveryClassHasThree() {
        SelectionRule paid = new SelectionRule(SelectionMode.AUTO, 5, 2, true);
        SelectionPlan plan = paid.plan(perClass(30, 30), 0.15);
        assertThat(plan.crossValidates()).isFalse();
        assertThat(plan.reason()).contains("paid fine-tuning jobs");
        // Too few for a split at all: cross-validation, which the runner then refuses for paid jobs.
        assertThat(paid.plan(perClass(8, 8), 0.15).crossValidates()).isTrue();
    }
}
