package dev.hone.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private final HashingEncoder enc = new HashingEncoder("hash");

    @Test
    void chunksRespectTheBudgetAndCutAtSentenceEnds() {
        String text = "One two three four five. Six seven eight nine ten. Eleven twelve thirteen fourteen fifteen. "
                + "Sixteen seventeen eighteen nineteen twenty.";
        List<Chunk> chunks = new Chunker(enc::countTokens, 10, 0).chunk(text);
        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "One two three four five. Six seven eight nine ten.",
                "Eleven twelve thirteen fourteen fifteen. Sixteen seventeen eighteen nineteen twenty.");
        assertThat(chunks).allSatisfy(c -> assertThat(enc.countTokens(c.text())).isLessThanOrEqualTo(10));
        assertThat(text.substring(chunks.get(1).start(), chunks.get(1).end()).strip()).isEqualTo(chunks.get(1).text());
    }

    @Test
    void overlapRepeatsTheLastSentence() {
        String text = "A b c d e. F g h i j. K l m n o.";
        List<Chunk> chunks = new Chunker(enc::countTokens, 10, 5).chunk(text);
        assertThat(chunks).extracting(Chunk::text).containsExactly("A b c d e. F g h i j.", "F g h i j. K l m n o.");
        assertThat(chunks).extracting(Chunk::number).containsExactly(0, 1);
    }

    @Test
    void aSentenceLongerThanTheBudgetIsCutByWords() {
        String text = "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20";
        List<Chunk> chunks = new Chunker(enc::countTokens, 8, 0).chunk(text);
        assertThat(chunks).hasSizeGreaterThan(2)
                .allSatisfy(c -> assertThat(enc.countTokens(c.text())).isLessThanOrEqualTo(8));
        assertThat(String.join(" ", chunks.stream().map(Chunk::text).toList()).split(" ")).hasSize(20);
    }

    @Test
    void rejectsAnOverlapAsLargeAsTheChunk() {
        assertThatThrownBy(() -> new Chunker(enc::countTokens, 10, 10))
                .hasMessageContaining("overlapTokens must be in 0..9");
    }
}
