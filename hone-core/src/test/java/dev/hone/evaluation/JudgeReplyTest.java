package dev.hone.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class JudgeReplyTest {
    @Test
    void readsTheScoreLineOrTheLastNumberOnTheLastLine() {
        assertThat(JudgeReply.parse("It matches.\nScore: 4", 1, 5)).hasValue(4);
        assertThat(JudgeReply.parse("**Score:** 5", 1, 5)).hasValue(5);
        assertThat(JudgeReply.parse("score=1", 0, 1)).hasValue(1);
        assertThat(JudgeReply.parse("Mentions 2 facts of 3.\nScore: 3\n", 1, 5)).as("the Score line wins").hasValue(3);
        assertThat(JudgeReply.parse("Good answer.\n4", 1, 5)).hasValue(4);
        assertThat(JudgeReply.parse("Score: 4.5", 1, 5)).hasValue(4.5);
    }

    @Test
    void theBinaryScaleAlsoReadsYesAndNo() {
        assertThat(JudgeReply.parse("Yes.", 0, 1)).hasValue(1);
        assertThat(JudgeReply.parse("The facts differ.\nIncorrect", 0, 1)).hasValue(0);
        assertThat(JudgeReply.parse("Yes.", 1, 5)).isEmpty();
    }

    @Test
    void outOfScaleOrUnreadableRepliesAreParseFailures() {
        assertThat(JudgeReply.parse("Score: 7", 1, 5)).isEmpty();
        assertThat(JudgeReply.parse("Score: 0", 1, 5)).isEmpty();
        assertThat(JudgeReply.parse("I cannot grade this.", 1, 5)).isEqualTo(OptionalDouble.empty());
        assertThat(JudgeReply.parse("", 0, 1)).isEmpty();
        assertThat(JudgeReply.parse(null, 0, 1)).isEmpty();
    }
}
