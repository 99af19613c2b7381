package dev.hone.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledIndexTest {
    @TempDir Path tmp;
    final HashingEncoder encoder = new HashingEncoder("hash-v1");
    final List<LabelledIndex.Entry> entries = List.of(
            new LabelledIndex.Entry("refund", "example:0", "give me my money back"),
            new LabelledIndex.Entry("refund", "example:1", "refund the broken lamp"),
            new LabelledIndex.Entry("shipping", "example:2", "where is my parcel"),
            new LabelledIndex.Entry("shipping", "example:3", "my parcel is late and lost"),
            new LabelledIndex.Entry("login", "example:4", "cannot log in to my account"));

    @Test
    void findsNeighboursInEveryModeAndRestrictsToALabel() {
        try (LabelledIndex index = LabelledIndex.build(encoder, entries)) {
            assertThat(index.size()).isEqualTo(5);
            for (SearchMode mode : SearchMode.values()) {
                List<Neighbour> near = index.nearest("my parcel is lost", 2, mode);
                assertThat(near).as(mode.name()).hasSize(2).allSatisfy(n -> assertThat(n.label()).isEqualTo("shipping"));
            }
            List<Neighbour> refunds = index.nearest("my parcel is lost", () -> encoder.embed("my parcel is lost"), 5,
                    SearchMode.VECTOR, "refund");
            assertThat(refunds).extracting(Neighbour::label).containsOnly("refund");
            Neighbour best = index.nearest("where is my parcel", 1, SearchMode.VECTOR).get(0);
            assertThat(best.position()).isEqualTo(2);
            assertThat(best.source()).isEqualTo("example:2");
            assertThat(best.cosine()).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void savesAndReopensWithoutReembedding() {
        Path folder = tmp.resolve("index");
        try (LabelledIndex index = LabelledIndex.build(encoder, entries)) {
            index.save(folder);
        }
        try (LabelledIndex reopened = LabelledIndex.open(folder, encoder)) {
            assertThat(reopened.size()).isEqualTo(5);
            assertThat(reopened.nearest("cannot log in", 1, SearchMode.HYBRID).get(0).text()).isEqualTo("cannot log in to my account");
        }
    }
}
