package dev.hone.strategy.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerParserTest {
    private final AnswerParser parser = new AnswerParser(List.of("card_arrival", "refund", "lost-or-stolen card"));

    @Test
    void bareLabelsMatchWhateverTheCaseQuotesAndPunctuation() {
        assertThat(parser.parse("refund", false)).contains("refund");
        assertThat(parser.parse("  \"Refund\".\n", false)).contains("refund");
        assertThat(parser.parse("**card arrival**", false)).contains("card_arrival");
        assertThat(parser.parse("`Card-Arrival`", false)).contains("card_arrival");
        assertThat(parser.parse("Label: lost or stolen card", false)).contains("lost-or-stolen card");
        assertThat(parser.parse("refund\nBecause the customer wants money back.", false)).contains("refund");
    }

    @Test
    void anythingElseDidNotParse() {
        assertThat(parser.parse("I think it is a refund", false)).isEmpty();
        assertThat(parser.parse("refunds", false)).isEmpty();
        assertThat(parser.parse("", false)).isEmpty();
        assertThat(parser.parse("The customer wants a refund, not card arrival.", true)).isEmpty();
    }

    @Test
    void reasoningIsReadFromTheLastAnswerLine() {
        assertThat(parser.parse("Could be refund.\nAnswer: refund\nOn reflection…\nFinal answer: Card arrival.", true))
                .contains("card_arrival");
        assertThat(parser.parse("The card never came.\n**Answer:** card_arrival", true)).contains("card_arrival");
        assertThat(parser.parse("It is about money.\nrefund", true)).as("a label alone on the last line").contains("refund");
        assertThat(parser.parse("Answer: something else", true)).isEmpty();
    }
}
