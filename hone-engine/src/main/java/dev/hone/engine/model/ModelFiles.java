package dev.hone.engine.model;

import dev.hone.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where an encoder's ONNX graph and tokenizer.json come from: a classpath resource of a
 * registered model jar, or files on disk.
 */
record ModelFiles(String name, String hubId, String onnxSource, String tokenizerSource, Pooling pooling, int maxTokens,
                  boolean classpath) {

    /**
     * The registered encoders: Maven Central model jars used as weight carriers, each with the
     * Hugging Face id of the model the jar's weights are (what saved adapters name as their base).
     */
    static final List<ModelFiles> REGISTRY = List.of(
            new ModelFiles("all-minilm-l6-v2", "sentence-transformers/all-MiniLM-L6-v2", "all-minilm-l6-v2.onnx",
                    "all-minilm-l6-v2-tokenizer.json", Pooling.MEAN, 256, true),
            new ModelFiles("bge-small-en-v1.5", "BAAI/bge-small-en-v1.5", "bge-small-en-v1.5.onnx",
                    "bge-small-en-v1.5-tokenizer.json", Pooling.CLS, 512, true));

    static ModelFiles resolve(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new BadInputException("model must be set: one of " + names()
                    + ", a Hugging Face / sentence-transformers model folder, or a path to an ONNX model");
        }
        ModelFiles registered = registered(nameOrPath);
        if (registered != null) return registered;
        Path path = Path.of(nameOrPath);
        if (!Files.exists(path)) {
            throw new BadInputException("unknown model '" + nameOrPath + "': not a registered name (" + names()
                    + "), and no such file or folder");
        }
        Path onnx = Files.isDirectory(path) ? findOnnx(path) : path;
        Path tokenizer = onnx.resolveSibling("tokenizer.json");
        if (!Files.isReadable(tokenizer)) {
            throw new BadInputException("model '" + nameOrPath + "': no readable tokenizer.json beside " + onnx
                    + "; put the Hugging Face tokenizer.json next to the ONNX file");
        }
        // Unknown models: sentence-transformers' most common convention (mean pooling), BERT's 512 positions.
        String lower = onnx.getFileName().toString().toLowerCase(Locale.ROOT);
        Pooling pooling = lower.contains("bge") ? Pooling.CLS : Pooling.MEAN;
        return new ModelFiles(path.toString(), path.toAbsolutePath().normalize().toString(), onnx.toString(),
                tokenizer.toString(), pooling, 512, false);
    }

    /** The registered encoder of that name (ignoring case), or null. */
    static ModelFiles registered(String name) {
        for (ModelFiles files : REGISTRY) {
            if (files.name.equalsIgnoreCase(name.trim())) return files;
        }
        return null;
    }

    private static Path findOnnx(Path directory) {
        Path preferred = directory.resolve("model.onnx");
        if (Files.isRegularFile(preferred)) return preferred;
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> onnx = files.filter(p -> p.toString().endsWith(".onnx")).toList();
            if (onnx.size() == 1) return onnx.get(0);
            throw new BadInputException("model directory " + directory + " must contain model.onnx or exactly one .onnx file, found "
                    + onnx.size());
        } catch (IOException e) {
            throw new BadInputException("cannot list model directory " + directory + ": " + e.getMessage(), e);
        }
    }

    static String names() {
        return String.join(", ", REGISTRY.stream().map(ModelFiles::name).toList());
    }

    /** The folder of the ONNX file, where its external data lies; null for a classpath model. */
    Path folder() {
        return classpath ? null : Path.of(onnxSource).toAbsolutePath().getParent();
    }

    byte[] readOnnx() {
        try (InputStream in = open(onnxSource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BadInputException("cannot read model " + onnxSource + ": " + e.getMessage(), e);
        }
    }

    byte[] readTokenizer() {
        try (InputStream in = open(tokenizerSource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BadInputException("cannot read tokenizer " + tokenizerSource + ": " + e.getMessage(), e);
        }
    }

    private InputStream open(String source) {
        try {
            if (classpath) {
                InputStream in = ModelFiles.class.getClassLoader().getResourceAsStream(source);
                if (in == null) {
                    throw new BadInputException("model resource " + source + " is not on the classpath; the model jar for '"
                            + name + "' is missing (rebuild with ./mvnw package)");
                }
                return in;
            }
            return Files.newInputStream(Path.of(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
