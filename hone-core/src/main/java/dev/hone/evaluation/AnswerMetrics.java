package dev.hone.evaluation;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SQuAD's answer scores. Both texts are normalised the same way — Unicode NFKC, lower case,
 * punctuation and symbols ({@code \p{P}}, {@code \p{S}}) removed, the articles a/an/the dropped,
 * runs of whitespace collapsed — then exact match compares the normalised strings and token F1
 * the bags of their whitespace tokens.
 */
public final class AnswerMetrics {
    private AnswerMetrics() {
    }

    public static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = s.replaceAll("[\\p{P}\\p{S}]", " ");
        s = s.replaceAll("\\b(a|an|the)\\b", " ");
        return s.strip().replaceAll("\\s+", " ");
    }

    public static List<String> tokens(String text) {
        String normalised = normalise(text);
        return normalised.isEmpty() ? List.of() : Arrays.asList(normalised.split(" "));
    }

    /** 1 when the normalised answer equals the normalised reference, else 0. */
    public static double exactMatch(String answer, String reference) {
        return normalise(answer).equals(normalise(reference)) ? 1 : 0;
    }

    /**
     * Harmonic mean of token precision and recall over the shared tokens (counted with
     * multiplicity); 1 when both normalise to nothing, 0 when only one does.
     */
    public static double tokenF1(String answer, String reference) {
        List<String> predicted = tokens(answer);
        List<String> truth = tokens(reference);
        if (predicted.isEmpty() || truth.isEmpty()) return predicted.isEmpty() && truth.isEmpty() ? 1 : 0;
        Map<String, Integer> counts = new HashMap<>();
        for (String t : truth) counts.merge(t, 1, Integer::sum);
        int shared = 0;
        for (String t : predicted) {
            Integer left = counts.get(t);
            if (left != null && left > 0) {
                shared++;
                counts.put(t, left - 1);
            }
        }
        if (shared == 0) return 0;
        double precision = shared / (double) predicted.size();
        double recall = shared / (double) truth.size();
        return 2 * precision * recall / (precision + recall);
    }
}
