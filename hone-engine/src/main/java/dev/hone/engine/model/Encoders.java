package dev.hone.engine.model;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.kernel.KernelSelection;
import dev.hone.engine.nn.BertModel;
import dev.hone.engine.tokenizer.TextTokenizer;
import dev.hone.engine.weights.OnnxBertImporter;
import dev.hone.error.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads encoders by registry name ({@code all-minilm-l6-v2}, {@code bge-small-en-v1.5}) or by path:
 * a Hugging Face / sentence-transformers folder ({@link EncoderFolder}: BERT, RoBERTa, XLM-R, MPNet),
 * or an ONNX file of a BERT export with a tokenizer.json beside it.
 */
public final class Encoders {
    private Encoders() {
    }

    /** The registry name of the default encoder. */
    public static final String DEFAULT = "all-minilm-l6-v2";

    /** Registered names, comma-separated (for messages and help). */
    public static String names() {
        return ModelFiles.names();
    }

    /**
     * Loads a registered encoder from its Maven model jar on the classpath, a model folder (one with
     * config.json or modules.json), or a directory / ONNX file path (with a tokenizer.json beside it),
     * on kernels sized by {@link #defaultKernels()}.
     *
     * @throws dev.hone.error.BadInputException when the name is unknown or the files are unreadable
     */
    public static EncoderModel load(String nameOrPath) {
        return load(nameOrPath, defaultKernels());
    }

    public static EncoderModel load(String nameOrPath, Kernels kernels) {
        if (nameOrPath != null && !nameOrPath.isBlank() && ModelFiles.registered(nameOrPath) == null) {
            Path path = Path.of(nameOrPath);
            if (EncoderFolder.isFolder(path)) return load(nameOrPath, EncoderFolder.read(path), kernels);
        }
        ModelFiles files = ModelFiles.resolve(nameOrPath);
        OnnxBertImporter.Imported imported = OnnxBertImporter.read(files.readOnnx(), files.onnxSource(), files.folder());
        BertModel model = BertModel.fromWeights(imported.config(), imported.weights(), false);
        int maxTokens = Math.min(files.maxTokens(), imported.config().maxPositions());
        byte[] tokenizerJson = files.readTokenizer();
        TextTokenizer tokenizer = TextTokenizer.load(new ByteArrayInputStream(tokenizerJson), maxTokens, files.tokenizerSource());
        EncoderInfo info = new EncoderInfo(files.name(), imported.config().hiddenSize(), maxTokens, files.pooling(),
                model.parameterCount());
        EncoderSource source = EncoderSource.fromBertShape(files.hubId(), imported.config(), tokenizerJson, files.pooling(), maxTokens);
        return new PretrainedEncoder(info, model, tokenizer, kernels, source);
    }

    private static EncoderModel load(String name, EncoderFolder folder, Kernels kernels) {
        BertModel model;
        try {
            model = BertModel.fromWeights(folder.config(), folder.weights(), false);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(folder.transformer() + ": " + e.getMessage() + "; the weights do not match the "
                    + folder.architecture().modelType() + " architecture config.json describes", e);
        }
        TextTokenizer tokenizer;
        try {
            tokenizer = TextTokenizer.load(Files.newInputStream(folder.tokenizer()), folder.maxTokens(),
                    folder.tokenizer().toString());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + folder.tokenizer() + ": " + e.getMessage(), e);
        }
        EncoderInfo info = new EncoderInfo(name, folder.config().hiddenSize(), folder.maxTokens(), folder.pooling(),
                model.parameterCount());
        return new PretrainedEncoder(info, model, tokenizer, kernels, EncoderSource.of(folder));
    }

    /**
     * The production kernels ({@link KernelSelection}: the Vector API's when the JVM has it, else the
     * scalar ones), with as many threads as system property {@code hone.threads} says (default:
     * available processors).
     */
    public static Kernels defaultKernels() {
        int threads = Integer.getInteger("hone.threads", Runtime.getRuntime().availableProcessors());
        if (threads < 1) throw new IllegalArgumentException("hone.threads must be >= 1, got " + threads);
        return KernelSelection.forThisJvm(threads);
    }
}
