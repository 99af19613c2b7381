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

    @Test
    void theLastXTickSitsUnderTheLastPoint() {
        String svg = Charts.plot("t", "x", "y", List.of(new Charts.Series("s", List.of(new double[] {0, 1}, new double[] {4, 2}))),
                x -> "day " + (int) x);
        Pattern lastPoint = Pattern.compile("<circle cx=\"([0-9.]+)\"");
        String x = lastPoint.matcher(svg).results().map(m -> m.group(1)).reduce((first, second) -> second).orElseThrow();
        assertThat(svg).contains("<text x=\"" + x + "\"").contains(">day 4</text>");
        assertThat(svg).containsPattern("<text x=\"" + Pattern.quote(x) + "\" y=\"[0-9.]+\" text-anchor=\"middle\" class=\"axis\">day 4</text>");
    }
}
