package dev.hone.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChartsTest {
    private static List<String> yTicks(String svg) {
        return Pattern.compile("text-anchor=\"end\" class=\"axis\">([^<]*)</text>").matcher(svg).results().map(m -> m.group(1)).toList();
    }

    @Test
    void aFlatLineAndANarrowBandStillGetFiveDistinctTicks() {
        String flat = Charts.plot("t", "x", "y", List.of(new Charts.Series("s", List.of(new double[] {0, 0.955}, new double[] {1, 0.955}))),
                x -> "day " + (int) x);
        assertThat(yTicks(flat)).hasSize(5).doesNotHaveDuplicates();
        String narrow = Charts.plot("t", "x", "y", List.of(new Charts.Series("s", List.of(new double[] {0, 0.104}, new double[] {1, 0.117}))),
                x -> "day " + (int) x);
        assertThat(yTicks(narrow)).hasSize(5).doesNotHaveDuplicates();
        assertThat(narrow).contains(">day 0<", ">day 1<");
    }
}
