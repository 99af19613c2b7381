package dev.hone.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inference memory does not grow with the longest text in a call: surefire runs this class alone
 * in a 512 MiB heap (hone-engine/pom.xml). Padding 32 texts to one of 512 tokens and keeping every
 * layer's intermediates needed gigabytes; passes by token budget, freeing each block's buffers,
 * need about 100 MB beside bge-small's weights.
 */
class BoundedInferenceMemoryTest {

    @Test
    void shortSentencesAndOneOfTheModelsMaximumLengthEmbedInA512MiBHeap() {
        EncoderModel bge = Encoders.load("bge-small-en-v1.5");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 31; i++) texts.add("Short sentence number " + i + " about an order.");
        String longest = "A long support ticket keeps going about the parcel, the refund and the invoice. ".repeat(60);
        texts.add(16, longest);
        assertThat(bge.countTokens(longest)).isEqualTo(bge.info().maxTokens());

        float[][] together = bge.embed(texts);

        assertThat(together.length).isEqualTo(32);
        // Each text's embedding does not depend on the texts it was batched with.
        assertThat(cosine(together[16], bge.embed(longest))).isGreaterThan(0.9999);
        assertThat(cosine(together[0], bge.embed(texts.get(0)))).isGreaterThan(0.9999);
        assertThat(cosine(together[31], bge.embed(texts.get(31)))).isGreaterThan(0.9999);
        assertThat(Runtime.getRuntime().maxMemory()).as("this test only proves something in a small heap")
                .isLessThanOrEqualTo(512L << 20);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
