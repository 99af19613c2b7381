package dev.hone.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetChecksTest {
    private static Example e(String text, String label, int line) {
        return new Example(text, label, "f:" + line);
    }

    @Test
    void findsDuplicatesExactAndNearLeaksAndImbalance() {
        List<Example> train = List.of(
                e("Where is my parcel?", "ship", 1),
                e("where is my parcel", "ship", 2),
                e("I want a refund for the blue jacket I returned last week", "refund", 3),
                e("refund please", "refund", 4),
                e("refund now", "refund", 5),
                e("money back", "refund", 6),
                e("refund it", "refund", 7));
        List<Example> test = List.of(
                e("WHERE IS MY PARCEL!!", "ship", 1),
                e("I want a refund for the blue jacket I returned last week please", "refund", 2),
                e("something unrelated entirely", "refund", 3));
        DatasetChecks checks = DatasetChecks.of(train, test);
        assertThat(checks.duplicatesInTrain()).isEqualTo(1);
        assertThat(checks.exactLeaks()).containsExactly("f:1 = f:1");
        assertThat(checks.nearLeaks()).containsExactly("f:2 ≈ f:3");
        assertThat(checks.imbalanceRatio()).isEqualTo(2.5);
        assertThat(checks.warnings()).anyMatch(w -> w.contains("also appear in train"));
    }

    @Test
    void stratifiedSplitsAreSeededAndKeepEveryClass() {
        List<Example> all = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) all.add(e("a" + i, "a", i));
        for (int i = 0; i < 10; i++) all.add(e("b" + i, "b", 100 + i));
        List<List<Example>> first = Splits.stratified(all, 0.2, 3);
        List<List<Example>> again = Splits.stratified(all, 0.2, 3);
        assertThat(first).isEqualTo(again);
        assertThat(first.get(1)).hasSize(6);
        assertThat(first.get(1).stream().filter(x -> x.label().equals("b"))).hasSize(2);
    }
}
