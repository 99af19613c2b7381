package dev.hone.evaluation;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an LLM judge's grade from its reply. The prompt asks for a final line {@code Score: N};
 * failing that, the last number on the reply's last non-empty line, and on the binary scale also
 * a bare yes/no, correct/incorrect or true/false there. A number outside the scale, or nothing
 * readable, is a parse failure (empty).
 */
public final class JudgeReply {
    private static final Pattern SCORE = Pattern.compile("(?i)score\\s*[:=]?\\s*\\**\\s*(\\d+(?:\\.\\d+)?)");
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)");

    private JudgeReply() {
    }

    /** The grade within [lowest, highest], or empty when the reply gives none. */
    public static OptionalDouble parse(String reply, double lowest, double highest) {
        if (reply == null || reply.isBlank()) return OptionalDouble.empty();
        Matcher labelled = SCORE.matcher(reply);
        String found = null;
        while (labelled.find()) found = labelled.group(1);
        String last = reply.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("");
        if (found == null) {
            Matcher number = NUMBER.matcher(last);
            while (number.find()) found = number.group(1);
        }
        if (found == null && lowest == 0 && highest == 1) {
            String word = last.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            if (word.equals("yes") || word.equals("correct") || word.equals("true")) return OptionalDouble.of(1);
            if (word.equals("no") || word.equals("incorrect") || word.equals("wrong") || word.equals("false")) return OptionalDouble.of(0);
        }
        if (found == null) return OptionalDouble.empty();
        double score = Double.parseDouble(found);
        return score >= lowest && score <= highest ? OptionalDouble.of(score) : OptionalDouble.empty();
    }
}
