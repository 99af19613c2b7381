package dev.hone.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.engine.model.TextEncoder;
import dev.hone.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How much general-purpose sentence similarity an encoder keeps after tuning on one task. The
 * probe is a project-written set of everyday sentences, each with a paraphrase and a near miss
 * (same topic and words, different meaning: negations, swapped roles, other outcomes); the score
 * is the fraction of anchors whose paraphrase is closer (cosine) than the near miss. Comparing the
 * pretrained encoder with a tuned one shows what the task cost elsewhere (catastrophic forgetting).
 */
public final class ForgettingProbe {
    /** Where the triples live, and the name results and reports use for them. */
    public static final String NAME = "general-probe";
    private static final String RESOURCE = "/dev/hone/evaluation/" + NAME + ".jsonl";

    private final List<Triple> triples;

    private ForgettingProbe(List<Triple> triples) {
        this.triples = triples;
    }

    /** The probe shipped with Hone. */
    public static ForgettingProbe standard() {
        List<Triple> triples = new ArrayList<>();
        try (InputStream in = ForgettingProbe.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) continue;
                JsonNode node = Json.MAPPER.readTree(line);
                triples.add(new Triple(node.path("anchor").asText(), node.path("paraphrase").asText(), node.path("other").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new ForgettingProbe(List.copyOf(triples));
    }

    public int size() {
        return triples.size();
    }

    /** Fraction of triples where the encoder puts the paraphrase closer to the anchor than the near miss. */
    public double accuracy(TextEncoder encoder) {
        List<String> texts = new ArrayList<>(triples.size() * 3);
        for (Triple t : triples) {
            texts.add(t.anchor());
            texts.add(t.paraphrase());
            texts.add(t.other());
        }
        float[][] embeddings = encoder.embed(texts);  // unit length, so a dot product is the cosine
        int ranked = 0;
        for (int i = 0; i < triples.size(); i++) {
            float[] anchor = embeddings[3 * i];
            if (dot(anchor, embeddings[3 * i + 1]) > dot(anchor, embeddings[3 * i + 2])) ranked++;
        }
        return ranked / (double) triples.size();
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
        return sum;
    }

    private record Triple(String anchor, String paraphrase, String other) {
    }
}
