package dev.hone.retrieval;

import dev.hone.engine.model.EncoderInfo;
import dev.hone.engine.model.Pooling;
import dev.hone.engine.model.TextEncoder;
import java.util.List;
import java.util.Locale;

/** Deterministic test double: hashed bag of lower-cased words, L2-normalised; one token per word. */
final class HashingEncoder implements TextEncoder {
    static final int DIM = 256;
    private final String name;

    HashingEncoder(String name) {
        this.name = name;
    }

    @Override
    public EncoderInfo info() {
        return new EncoderInfo(name, DIM, 512, Pooling.values()[0], 0);
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) out[i] = vector(texts.get(i));
        return out;
    }

    @Override
    public int countTokens(String text) {
        return words(text).length;
    }

    private static String[] words(String text) {
        String t = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
        return t.isEmpty() ? new String[0] : t.split(" ");
    }

    private static float[] vector(String text) {
        float[] v = new float[DIM];
        for (String w : words(text)) v[Math.floorMod(w.hashCode(), DIM)] += 1;
        double norm = 0;
        for (float x : v) norm += x * x;
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < DIM; i++) v[i] *= inv;
        return v;
    }
}
