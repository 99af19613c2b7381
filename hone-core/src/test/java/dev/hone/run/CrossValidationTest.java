package dev.hone.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.dataset.Example;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossValidationTest {
    /** 23 of "a", 11 of "b", 5 of "c", interleaved as a file would have them. */
    private static List<Example> examples() {
        List<Example> examples = new ArrayList<>();
        int[] left = {23, 11, 5};
        String[] labels = {"a", "b", "c"};
        for (int i = 0; examples.size() < 39; i++) {
            int label = i % 3;
            if (left[label]-- > 0) examples.add(new Example("text " + i, labels[label], "f:" + i));
        }
        return examples;
    }

    @Test
    void everyClassIsSpreadEvenlyOverTheFolds() {
        List<Example> train = examples();
        int[] fold = CrossValidation.assignFolds(train, 5, 7);
        for (String label : List.of("a", "b", "c")) {
            int[] perFold = new int[5];
            int total = 0;
            for (int i = 0; i < train.size(); i++) {
                if (train.get(i).label().equals(label)) {
                    perFold[fold[i]]++;
                    total++;
                }
            }
            int floor = total / 5;
            assertThat(Arrays.stream(perFold).boxed().toList()).as("label %s", label).allMatch(n -> n == floor || n == floor + 1);
        }
        int[] sizes = new int[5];
        for (int f : fold) sizes[f]++;
        assertThat(Arrays.stream(sizes).max().getAsInt() - Arrays.stream(sizes).min().getAsInt()).isLessThanOrEqualTo(1);
    }

    @Test
    void theSameSeedDealsTheSameFoldsAndEachRepeatANewDeal() {
        List<Example> train = examples();
        long seed = 7;
        int[] first = CrossValidation.assignFolds(train, 5, seed);
        assertThat(CrossValidation.assignFolds(train, 5, seed)).isEqualTo(first);
        int[] second = CrossValidation.assignFolds(train, 5, seed + CrossValidation.REPEAT_SEED_STEP);
        assertThat(second).isNotEqualTo(first);
        // A new deal, not a relabelling of the same folds: some pair of examples shares a fold in one and not the other.
        boolean regrouped = false;
        for (int i = 0; i < train.size() && !regrouped; i++) {
            for (int j = i + 1; j < train.size(); j++) {
                if ((first[i] == first[j]) != (second[i] == second[j])) {
                    regrouped = true;
                    break;
                }
            }
        }
        assertThat(regrouped).isTrue();
    }
}
