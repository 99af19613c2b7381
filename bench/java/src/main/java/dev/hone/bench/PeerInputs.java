package dev.hone.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.model.EncoderModel;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.tokenizer.TextTokenizer;
import dev.hone.engine.tokenizer.TokenizedText;
import dev.hone.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * What the PyTorch SetFit peer ({@code bench/fewshot/setfit_peer.py}) needs to train on exactly the
 * texts of a run folder the way Hone sees them, written to {@code <run>/peer/}:
 * {@code train.tokens} and {@code test.tokens} (one line per line of the run's {@code train.jsonl} /
 * {@code test.jsonl}: the token ids of Hone's tokenizer, truncated to the encoder's maximum, special
 * tokens included), and {@code encoder.json} (the model jar and ONNX entry, Hone's pooling, and Hone's
 * embeddings of a few test texts, which the peer checks its own BERT against before it trains).
 */
final class PeerInputs {
    /** Test texts whose Hone embeddings go into encoder.json as the peer's oracle. */
    private static final int REFERENCE_TEXTS = 8;

    private final EncoderModel encoder;
    private final TextTokenizer tokenizer;
    private final Path jar;
    private final String onnxEntry;

    private PeerInputs(EncoderModel encoder, TextTokenizer tokenizer, Path jar, String onnxEntry) {
        this.encoder = encoder;
        this.tokenizer = tokenizer;
        this.jar = jar;
        this.onnxEntry = onnxEntry;
    }

    /**
     * Hone's encoder by registry name, and the tokenizer it uses: the same {@code tokenizer.json} of the
     * model jar, loaded by {@link TextTokenizer} with the encoder's maximum length. The entry names
     * follow the registry's ({@code <name>.onnx}, {@code <name>-tokenizer.json}); {@link #write} checks
     * every text's token count against the encoder's own.
     */
    static PeerInputs of(String model) throws IOException {
        EncoderModel encoder = Encoders.load(model);
        String onnxEntry = model + ".onnx";
        URL onnx = PeerInputs.class.getClassLoader().getResource(onnxEntry);
        if (onnx == null || !onnx.getProtocol().equals("jar")) {
            throw new IllegalStateException("model '" + model + "': " + onnxEntry + " is not inside a model jar on the classpath");
        }
        String file = onnx.getPath().substring(0, onnx.getPath().indexOf("!/"));
        Path jar = Path.of(URI.create(file));
        try (InputStream json = PeerInputs.class.getClassLoader().getResourceAsStream(model + "-tokenizer.json")) {
            if (json == null) throw new IllegalStateException("model '" + model + "': no " + model + "-tokenizer.json on the classpath");
            TextTokenizer tokenizer = TextTokenizer.load(json, encoder.info().maxTokens(), model + "-tokenizer.json");
            return new PeerInputs(encoder, tokenizer, jar, onnxEntry);
        }
    }

    /** Writes {@code <runDir>/peer/} for the run's train.jsonl and test.jsonl. */
    void write(Path runDir) throws IOException {
        Path folder = Files.createDirectories(runDir.resolve("peer"));
        List<String> test = texts(runDir.resolve("test.jsonl"));
        writeTokens(texts(runDir.resolve("train.jsonl")), folder.resolve("train.tokens"));
        List<TokenizedText> testTokens = writeTokens(test, folder.resolve("test.tokens"));

        List<String> sample = test.subList(0, Math.min(REFERENCE_TEXTS, test.size()));
        float[][] embeddings = encoder.embed(sample);
        ObjectNode info = Json.MAPPER.createObjectNode()
                .put("model", encoder.info().name())
                .put("pooling", encoder.info().pooling().name().toLowerCase(java.util.Locale.ROOT))
                .put("max_tokens", encoder.info().maxTokens())
                .put("jar", jar.toString())
                .put("onnx", onnxEntry);
        ArrayNode reference = info.putArray("reference");
        for (int i = 0; i < sample.size(); i++) {
            ObjectNode row = reference.addObject();
            ArrayNode ids = row.putArray("ids");
            for (int id : testTokens.get(i).ids()) ids.add(id);
            ArrayNode embedding = row.putArray("embedding");
            for (float value : embeddings[i]) embedding.add(value);
        }
        Json.MAPPER.writeValue(folder.resolve("encoder.json").toFile(), info);
    }

    private List<TokenizedText> writeTokens(List<String> texts, Path file) {
        List<TokenizedText> tokens = tokenizer.tokenize(texts);
        List<String> lines = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            int[] ids = tokens.get(i).ids();
            int expected = encoder.countTokens(texts.get(i));
            if (ids.length != expected) {
                throw new IllegalStateException(file + " line " + (i + 1) + ": " + ids.length + " tokens, but the encoder counts "
                        + expected + "; the bench tokenizer is not the encoder's");
            }
            StringJoiner line = new StringJoiner(" ");
            for (int id : ids) line.add(Integer.toString(id));
            lines.add(line.toString());
        }
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return tokens;
    }

    /** The "text" of each non-blank line, in order (the protocol's configs read text_field: text). */
    private static List<String> texts(Path jsonl) throws IOException {
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) texts.add(Json.MAPPER.readTree(line).path("text").asText());
        }
        return texts;
    }
}
