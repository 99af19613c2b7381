package dev.hone.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.model.TextEncoder;
import dev.hone.error.BadInputException;
import dev.hone.error.OutOfMemoryException;
import dev.hone.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Print sentence embeddings, one JSON line per input.",
            "  {\"text\": ..., \"tokens\": N, \"embedding\": [...]}  (tokens include special tokens, after truncation)"},
        footer = {"", "Examples:", "  ./hone embed \"first text\" \"second text\"",
            "  ./hone embed --model bge-small-en-v1.5 --input texts.txt"})
final class EmbedCommand implements Callable<Integer> {
    private static final int BATCH = 64;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME|PATH", description = "all-minilm-l6-v2 (default), bge-small-en-v1.5, or an ONNX model path.")
    String model = Encoders.DEFAULT;

    @Option(names = "--input", paramLabel = "FILE", description = "A UTF-8 file with one text per line (blank lines skipped).")
    Path input;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Texts to embed (instead of --input).")
    List<String> texts = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>(texts);
        if (input != null) all.addAll(readLines(input));
        all.removeIf(String::isBlank);
        if (all.isEmpty()) throw new BadInputException("nothing to embed: give TEXT arguments or --input FILE with non-empty lines");
        TextEncoder encoder = Encoders.load(model);
        PrintWriter out = spec.commandLine().getOut();
        for (int start = 0; start < all.size(); start += BATCH) {
            List<String> batch = all.subList(start, Math.min(all.size(), start + BATCH));
            float[][] embeddings = OutOfMemoryException.during("embedding texts " + (start + 1) + "-" + (start + batch.size())
                    + " with " + model, () -> encoder.embed(batch));
            for (int i = 0; i < batch.size(); i++) {
                ObjectNode line = Json.MAPPER.createObjectNode();
                line.put("text", batch.get(i));
                line.put("tokens", encoder.countTokens(batch.get(i)));
                ArrayNode vector = line.putArray("embedding");
                for (float v : embeddings[i]) vector.add(v);
                out.println(line);
            }
        }
        out.flush();
        return 0;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new BadInputException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }
}
