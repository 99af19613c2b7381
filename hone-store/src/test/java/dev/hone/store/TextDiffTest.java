package dev.hone.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextDiffTest {
    @Test
    void equalTextsHaveNoDiff() {
        assertThat(TextDiff.of("a\nb\n", "a\nb\n")).isEmpty();
        assertThat(TextDiff.of("", "")).isEmpty();
    }

    @Test
    void aChangedLineIsOneHunkWithTwoLinesOfContext() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assertThat(TextDiff.of(before, after)).isEqualTo("@@ -3,5 +3,5 @@\n 3\n 4\n-5\n+five\n 6\n 7\n");
    }

    @Test
    void distantChangesAreSeparateHunksAndNearOnesJoin() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        String after = "A\nb\nc\nd\ne\nf\ng\nh\ni\nJ\n";
        assertThat(TextDiff.of(before, after)).isEqualTo("@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n@@ -8,3 +8,3 @@\n h\n i\n-j\n+J\n");
        assertThat(TextDiff.of("a\nb\nc\nd\n", "A\nb\nc\nD\n")).isEqualTo("@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n-d\n+D\n");
    }

    @Test
    void addedAndRemovedLinesAtTheEnds() {
        assertThat(TextDiff.of("", "x\n")).isEqualTo("@@ -1,0 +1,1 @@\n+x\n");
        assertThat(TextDiff.of("x\ny\n", "x\n")).isEqualTo("@@ -1,2 +1,1 @@\n x\n-y\n");
    }
}
