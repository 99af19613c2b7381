package dev.hone.strategy.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps an LLM's reply onto the label set. Matching ignores case, surrounding whitespace, quotes,
 * backticks, markdown emphasis, a trailing full stop and the difference between '_', '-' and ' '.
 * A bare-label reply may carry a "Label:"/"Answer:" prefix; a reasoning reply is read from its last
 * "Answer:" line. Anything else did not parse: guessing from a label merely mentioned in the
 * reasoning would hide how often the model fails to follow the format.
 */
final class AnswerParser {
    private static final Pattern ANSWER_LINE = Pattern.compile("(?im)^[\\s*#>_-]*(?:final\\s+)?answer\\s*[:：]\\s*(.+?)\\s*$");
    private static final Pattern PREFIX = Pattern.compile("(?i)^\\s*(?:final\\s+)?(?:label|answer|category|class)\\s*[:：]\\s*");

    private final Map<String, String> byNormalForm = new LinkedHashMap<>();

    AnswerParser(List<String> labels) {
        for (String label : labels) byNormalForm.put(normalise(label), label);
    }

    Optional<String> parse(String reply, boolean reasons) {
        if (reply == null) return Optional.empty();
        if (reasons) {
            Matcher matcher = ANSWER_LINE.matcher(reply);
            String last = null;
            while (matcher.find()) last = matcher.group(1);
            if (last != null) return match(last);
            // No "Answer:" line: accept a reply whose last line is a label on its own.
            String[] lines = reply.strip().split("\\R");
            return match(lines[lines.length - 1]);
        }
        String answer = PREFIX.matcher(reply.strip()).replaceFirst("");
        String firstLine = answer.strip().split("\\R", 2)[0];
        return match(firstLine);
    }

    private Optional<String> match(String candidate) {
        return Optional.ofNullable(byNormalForm.get(normalise(candidate)));
    }

    static String normalise(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        s = s.replaceAll("^[\\s\"'`*_<\\[(]+|[\\s\"'`*_>\\])]+$", "");
        s = s.replaceAll("[.!。]+$", "").strip();
        s = s.replaceAll("^[\\s\"'`*_<\\[(]+|[\\s\"'`*_>\\])]+$", "");
        return s.replaceAll("[\\s_-]+", " ").strip();
    }
}
