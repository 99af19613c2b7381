package dev.hone.engine.model;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.kernel.VectorKernels;
import dev.hone.engine.nn.BertModel;
import dev.hone.engine.tokenizer.TextTokenizer;
import dev.hone.engine.weights.OnnxBertImporter;

/** Loads encoders by registry name ({@code all-minilm-l6-v2}, {@code bge-small-en-v1.5}) or by path. */
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
     * Loads a registered encoder from its Maven model jar on the classpath, or a directory / ONNX
     * file path (with a tokenizer.json beside it), on kernels sized by {@link #defaultKernels()}.
     *
     * @throws dev.hone.error.BadInputException when the name is unknown or the files are unreadable
     */
    public static EncoderModel load(String nameOrPath) {
        return load(nameOrPath, defaultKernels());
    }

    public static EncoderModel load(String nameOrPath, Kernels kernels) {
        ModelFiles files = ModelFiles.resolve(nameOrPath);
        OnnxBertImporter.Imported imported = OnnxBertImporter.read(files.readOnnx(), files.onnxSource());
        BertModel model = BertModel.fromWeights(imported.config(), imported.weights(), false);
        int maxTokens = Math.min(files.maxTokens(), imported.config().maxPositions());
        TextTokenizer tokenizer = TextTokenizer.load(files.openTokenizer(), maxTokens, files.tokenizerSource());
        EncoderInfo info = new EncoderInfo(files.name(), imported.config().hiddenSize(), maxTokens, files.pooling(),
                model.parameterCount());
        return new PretrainedEncoder(info, model, tokenizer, kernels);
    }

    /**
     * The production kernels: Vector API, with as many threads as system property {@code hone.threads}
     * says (default: available processors).
     */
    public static Kernels defaultKernels() {
        int threads = Integer.getInteger("hone.threads", Runtime.getRuntime().availableProcessors());
        if (threads < 1) throw new IllegalArgumentException("hone.threads must be >= 1, got " + threads);
        return new VectorKernels(threads);
    }
}
