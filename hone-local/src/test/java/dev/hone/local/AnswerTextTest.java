package dev.hone.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.engine.tokenizer.DecoderTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture's byte-level BPE writes most characters as one token each and é, è, → as two or three. */
class AnswerTextTest {
    private static DecoderTokenizer tokenizer;

    @BeforeAll
    static void load(@TempDir Path directory) {
        tokenizer = DecoderTokenizer.load(ChatModelFolder.chatMl(directory.resolve("m")));
    }

    @Test
    void aCharacterSplitAcrossTokensIsPassedOnOnlyWhenWhole() {
        String text = "théorème → fin";
        int[] tokens = tokenizer.encode(text);
        assertThat(tokens.length).isGreaterThan(text.length());
        List<String> pieces = new ArrayList<>();
        AnswerText answer = new AnswerText(tokenizer, List.of(), pieces::add);

        for (int token : tokens) assertThat(answer.add(token)).isFalse();

        assertThat(answer.finish()).isEqualTo(text);
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).noneMatch(piece -> piece.indexOf('\uFFFD') >= 0);
        assertThat(pieces).contains("é", "è", "→");
    }

    @Test
    void aStopStringSpanningTokensEndsTheAnswerAndNoneOfItIsPassedOn() {
        List<String> pieces = new ArrayList<>();
        AnswerText answer = new AnswerText(tokenizer, List.of("STOP", "S!"), pieces::add);
        int[] tokens = tokenizer.encode("the end. STOP here");
        int added = 0;
        boolean stopped = false;
        while (!stopped) stopped = answer.add(tokens[added++]);

        assertThat(tokenizer.decode(java.util.Arrays.copyOf(tokens, added), true)).isEqualTo("the end. STOP");
        assertThat(answer.finish()).isEqualTo("the end. ");
        assertThat(String.join("", pieces)).isEqualTo("the end. ");
    }

    @Test
    void aTailThatLooksLikeAStopStringIsHeldBackThenPassedOnWhenItIsNot() {
        List<String> pieces = new ArrayList<>();
        AnswerText answer = new AnswerText(tokenizer, List.of("STOP"), pieces::add);
        int[] tokens = tokenizer.encode("a ST");
        for (int token : tokens) answer.add(token);
        assertThat(String.join("", pieces)).isEqualTo("a ");

        for (int token : tokenizer.encode("ORE")) assertThat(answer.add(token)).isFalse();

        assertThat(String.join("", pieces)).isEqualTo("a STORE");
        assertThat(answer.finish()).isEqualTo("a STORE");
    }

    @Test
    void aStopStringInTheLastTokensIsCutAtFinishToo() {
        List<String> pieces = new ArrayList<>();
        AnswerText answer = new AnswerText(tokenizer, List.of("\n\n"), pieces::add);
        for (int token : tokenizer.encode("ok\n")) answer.add(token);

        assertThat(answer.finish()).isEqualTo("ok\n");
        assertThat(String.join("", pieces)).isEqualTo("ok\n");
    }
}
