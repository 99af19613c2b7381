package dev.hone.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionFoldsTest {

    private static List<Example> perClass(int a, int b) {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < a; i++) examples.add(new Example("a" + i, "a", "f:" + i));
        for (int i = 0; i < b; i++) examples.add(new Example("b" + i, "b", "f:" + (a + i)));
        return examples;
    }

    @Test
    void holdsOutValidationWhenEveryClassCanSpareThreeExamples() {
        assertThat(DatasetLoader.selectionFolds(perClass(15, 40), 0.2)).isZero();
        assertThat(DatasetLoader.selectionFolds(perClass(30, 30), 0.15)).isZero();
    }

    @Test
    void crossValidatesSmallTrainingSets() {
        assertThat(DatasetLoader.selectionFolds(perClass(8, 40), 0.2)).isEqualTo(5);
        assertThat(DatasetLoader.selectionFolds(perClass(16, 16), 0.15)).isEqualTo(5);
        assertThat(DatasetLoader.selectionFolds(perClass(3, 3), 0.2)).isEqualTo(3);
    }

    @Test
    void respectsNoValidationAndSingleExampleClasses() {
        assertThat(DatasetLoader.selectionFolds(perClass(8, 8), 0)).isZero();
        assertThat(DatasetLoader.selectionFolds(perClass(1, 8), 0.2)).isZero();
    }
}
