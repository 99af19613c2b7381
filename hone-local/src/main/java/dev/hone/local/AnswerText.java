package dev.hone.local;

import dev.hone.engine.tokenizer.DecoderTokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The text of an answer as its tokens arrive: watches for stop strings and passes the text on as
 * it grows. The whole answer is decoded again after each token, because a token is not always a
 * whole piece of text: byte-level BPE tokens can hold part of a UTF-8 character, which decodes
 * as U+FFFD until the rest arrives, and a stop string can span several tokens. So text is passed
 * on only up to the last whole character, and never a tail that could still grow into a stop
 * string, so the listener never sees text the answer will not keep.
 */
final class AnswerText {
    private static final char REPLACEMENT = '\uFFFD';

    private final DecoderTokenizer tokenizer;
    private final List<String> stop;
    private final Consumer<String> onText;
    private int[] tokens = new int[16];
    private int count;
    private int passedOn;
    private String cut;

    /** @param onText receives each new piece of text; may be null */
    AnswerText(DecoderTokenizer tokenizer, List<String> stop, Consumer<String> onText) {
        this.tokenizer = tokenizer;
        this.stop = List.copyOf(stop);
        this.onText = onText;
    }

    /** Adds the next token of the answer; true when the text now holds a stop string (the answer ends). */
    boolean add(int token) {
        if (cut != null) throw new IllegalStateException("the answer already ended at a stop string");
        if (count == tokens.length) tokens = Arrays.copyOf(tokens, 2 * count);
        tokens[count++] = token;
        String text = decoded();
        int whole = text.length();
        while (whole > 0 && text.charAt(whole - 1) == REPLACEMENT) whole--;
        String settled = text.substring(0, whole);
        int at = firstStop(settled);
        if (at >= 0) {
            cut = settled.substring(0, at);
            passOn(cut, cut.length());
            return true;
        }
        passOn(settled, settled.length() - stopPrefixLength(settled));
        return false;
    }

    /** The answer's final text, cut before a stop string if one came; passes on what was held back. */
    String finish() {
        if (cut == null) {
            String text = decoded();
            int at = firstStop(text);
            cut = at >= 0 ? text.substring(0, at) : text;
        }
        passOn(cut, cut.length());
        return cut;
    }

    private String decoded() {
        return tokenizer.decode(Arrays.copyOf(tokens, count), true);
    }

    /** Passes on text[passedOn, end); text before passedOn was passed on already. */
    private void passOn(String text, int end) {
        if (end <= passedOn) return;
        if (onText != null) onText.accept(text.substring(passedOn, end));
        passedOn = end;
    }

    private int firstStop(String text) {
        int first = -1;
        for (String s : stop) {
            int at = text.indexOf(s);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        return first;
    }

    /** The length of the longest end of {@code text} that begins some stop string (it may yet become one). */
    private int stopPrefixLength(String text) {
        int longest = 0;
        for (String s : stop) {
            for (int length = Math.min(s.length() - 1, text.length()); length > longest; length--) {
                if (text.endsWith(s.substring(0, length))) {
                    longest = length;
                    break;
                }
            }
        }
        return longest;
    }
}
