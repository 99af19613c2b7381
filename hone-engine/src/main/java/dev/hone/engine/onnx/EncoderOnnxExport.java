package dev.hone.engine.onnx;

import dev.hone.engine.model.EncoderInfo;
import dev.hone.engine.model.EncoderSource;
import dev.hone.engine.model.ExportableEncoder;
import dev.hone.engine.model.Pooling;
import dev.hone.engine.model.SentenceEmbedder;
import dev.hone.engine.model.TextEncoder;
import dev.hone.engine.nn.BertModel;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import dev.hone.files.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A sentence encoder Hone runs (pretrained, or tuned: LoRA merged into its weights, full or
 * contrastive weights) written as a folder any ONNX Runtime pipeline uses: {@value #MODEL_FILE}
 * ({@link EncoderOnnxGraph}: the encoder's graph from Hone's own weights, with outputs
 * {@code last_hidden_state} and {@code sentence_embedding}, the latter pooled and L2-normalised
 * exactly as Hone embeds), the tokenizer files, and the sentence-transformers files that say how
 * to pool ({@code modules.json}, {@code 1_Pooling/config.json}, {@code sentence_bert_config.json},
 * {@code config.json}). LangChain4j's {@code OnnxEmbeddingModel(model.onnx, tokenizer.json,
 * PoolingMode)} reads the first output and pools it itself (MEAN or CLS); other pipelines read
 * {@code sentence_embedding}. Hone loads the folder back as a model ({@code model: DIR}).
 */
public final class EncoderOnnxExport {
    public static final String MODEL_FILE = "model.onnx";
    /** Weights above this would not fit one protobuf message (2 GB) beside the graph. */
    private static final long MAX_WEIGHT_BYTES = ProtoWriter.MAX_MESSAGE_BYTES - (64L << 20);

    private final EncoderInfo info;
    private final SentenceEmbedder embedder;

    private EncoderOnnxExport(EncoderInfo info, SentenceEmbedder embedder) {
        this.info = info;
        this.embedder = embedder;
    }

    /**
     * The export of an encoder Hone's engine runs.
     *
     * @throws BadInputException when the encoder is not one (a test double, a remote embedding service)
     *     or its weights would not fit one ONNX file
     */
    public static EncoderOnnxExport of(TextEncoder encoder) {
        if (!(encoder instanceof ExportableEncoder exportable)) {
            throw new BadInputException("the encoder " + encoder.info().name() + " is not run by Hone's engine, so it has no "
                    + "weights to export to ONNX");
        }
        SentenceEmbedder embedder = exportable.servingEmbedder();
        requireOneFile(encoder.info().name(), embedder.model().parameterCount());
        return new EncoderOnnxExport(encoder.info(), embedder);
    }

    /** Refuses an encoder whose f32 weights would not fit one protobuf message (2 GB) beside its graph. */
    static void requireOneFile(String encoder, long parameters) {
        long bytes = parameters * Float.BYTES;
        if (bytes > MAX_WEIGHT_BYTES) {
            throw new BadInputException(String.format(Locale.ROOT, "the encoder %s has %.2f GB of f32 weights, more than one ONNX "
                    + "file holds (protobuf's 2 GB limit); Hone exports encoders up to about 500 M parameters", encoder, bytes / 1e9));
        }
    }

    /** What was written. */
    public record Written(Path folder, long modelBytes, String modelType, int layers, Pooling pooling, boolean tokenTypeIds) {
    }

    /**
     * Writes the folder {@code out} (new, or empty): first as {@code out.partial} beside it, then
     * renamed, so an interrupted export never leaves a half-written model under the final name.
     *
     * @throws BadInputException when {@code out} holds files or cannot be written, saying what to do
     */
    public Written writeTo(Path out) {
        EncoderSource source = embedder.source();
        // The model as it serves: LoRA merged (W + (alpha/r)·B·A) and weights constant; a no-op for a frozen model.
        BertModel model = embedder.model().frozen();
        OnnxModelWriter onnx = EncoderOnnxGraph.of(model, source, info.pooling());
        Folders.writeWhole(out, "the ONNX export", folder -> {
            source.writeSentenceTransformersFiles(folder, info.dimension());
            onnx.write(folder.resolve(MODEL_FILE), producerVersion(), Map.of(
                    "hone_encoder", info.name(),
                    "pooling", info.pooling().configKey(),
                    "max_tokens", Integer.toString(info.maxTokens()),
                    "sentence_embedding", "pooled as " + info.pooling().configKey() + ", then L2-normalised"));
        });
        try {
            return new Written(out, Files.size(out.resolve(MODEL_FILE)), source.modelType(), model.config().numberOfLayers(),
                    info.pooling(), EncoderOnnxGraph.takesTokenTypes(source));
        } catch (IOException e) {
            throw new HoneException("the ONNX export was written to " + out + " but its model file cannot be read back: " + e.getMessage(), e);
        }
    }

    private static String producerVersion() {
        String version = EncoderOnnxExport.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
