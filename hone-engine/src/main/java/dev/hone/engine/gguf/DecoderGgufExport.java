package dev.hone.engine.gguf;

import dev.hone.engine.decoder.AdapterMerge;
import dev.hone.engine.decoder.DecoderArchitecture;
import dev.hone.engine.decoder.DecoderConfig;
import dev.hone.engine.decoder.RopeScaling;
import dev.hone.engine.weights.SafetensorsCheckpoint;
import dev.hone.error.BadInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A Hugging Face decoder folder (Llama, Mistral or Qwen2, as {@link dev.hone.engine.decoder.Decoder}
 * loads it) as a GGUF file llama.cpp runs: the architecture's metadata under {@code llama.*} (Llama
 * and Mistral) or {@code qwen2.*}, the tokenizer ({@link GgufVocabulary}), and the weights under
 * llama.cpp's names ({@code token_embd.weight}, {@code blk.N.attn_q.weight}, …, {@code output.weight}
 * unless the embeddings are tied). Matrices take the requested type; 1-D tensors stay f32.
 *
 * <p>llama.cpp's {@code llama} architecture rotates interleaved pairs of a head (dimensions 2i and
 * 2i+1), while Hugging Face's Llama rotates halves (i and i + d/2); so, as llama.cpp's converter
 * does, the rows of q_proj and k_proj (and their biases) are reordered within each head so that
 * the halves' i-th elements become neighbours. {@code qwen2} uses the rotate-half (NeoX) layout in
 * llama.cpp and is written as stored.
 *
 * <p>Given an {@link AdapterMerge}, the adapted weights are written merged (W + (alpha/r)·B·A) before
 * any reordering or rounding to the file's type, so llama.cpp runs the tuned model as one model.
 */
public final class DecoderGgufExport {
    private final Path folder;
    private final DecoderConfig config;
    private final SafetensorsCheckpoint weights;
    private final GgufVocabulary vocabulary;
    private final GgufTensorType type;
    private final String architecture;
    /** The adapter merged into the weights, or null for the base model as stored. */
    private final AdapterMerge merge;

    private DecoderGgufExport(Path folder, DecoderConfig config, SafetensorsCheckpoint weights, GgufVocabulary vocabulary,
                              GgufTensorType type, AdapterMerge merge) {
        this.folder = folder;
        this.merge = merge;
        this.config = config;
        this.weights = weights;
        this.vocabulary = vocabulary;
        this.type = type;
        this.architecture = config.architecture() == DecoderArchitecture.QWEN2 ? "qwen2" : "llama";
    }

    /**
     * Reads a folder's config, tokenizer and weight headers; the weights themselves are read as they are written.
     *
     * @throws BadInputException naming the file when the folder is not a decoder Hone exports
     */
    public static DecoderGgufExport of(Path folder, GgufTensorType type) {
        return of(folder, type, null);
    }

    /**
     * The export of {@code merge}'s base model folder with its adapter merged into the weights; the
     * file's {@code general.name} is the adapter folder's name.
     *
     * @throws BadInputException naming the file when the base folder is not a decoder Hone exports
     */
    public static DecoderGgufExport merged(AdapterMerge merge, GgufTensorType type) {
        return of(merge.modelFolder(), type, merge);
    }

    private static DecoderGgufExport of(Path folder, GgufTensorType type, AdapterMerge merge) {
        Path configFile = folder.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new BadInputException(folder + " has no config.json: GGUF export reads a Hugging Face decoder folder "
                    + "(config.json, safetensors weights, tokenizer.json, tokenizer_config.json)");
        }
        DecoderConfig config = DecoderConfig.read(configFile);
        if (config.architecture() == DecoderArchitecture.QWEN2 && config.ropeScaling() instanceof RopeScaling.Llama3) {
            throw new BadInputException(configFile + ": llama3 rope scaling on a Qwen2 model has no GGUF form "
                    + "(llama.cpp reads rope_freqs.weight only for the llama architecture)");
        }
        GgufVocabulary vocabulary = GgufVocabulary.read(folder, config);
        return new DecoderGgufExport(folder, config, SafetensorsCheckpoint.open(folder), vocabulary, type, merge);
    }

    /** {@code llama} or {@code qwen2}: the file's {@code general.architecture}. */
    public String architecture() {
        return architecture;
    }

    /** Warnings to show the user; the export is still valid. */
    public List<String> notes() {
        return vocabulary.notes();
    }

    /**
     * Writes the GGUF file to {@code file}, replacing it: first to {@code file.partial} beside it, then
     * renamed, so an interrupted export never leaves a truncated file under the final name.
     *
     * @throws BadInputException when the file cannot be written, saying why
     */
    public void writeTo(Path file, WriteProgress progress) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) throw new BadInputException("cannot write " + file + ": it is a folder; give a file name such as model.gguf");
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            throw new BadInputException("cannot write " + file + ": the folder " + parent + " does not exist; create it first");
        }
        Path partial = parent.resolve(target.getFileName() + ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                writeTo(out, progress);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new BadInputException("cannot write " + file + " (" + e + "); choose a writable place with room for the model", e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // The error being reported matters more than a leftover .partial file.
        }
    }

    /** Writes the GGUF file to {@code out} (not closed). */
    public void writeTo(OutputStream out, WriteProgress progress) throws IOException {
        GgufWriter.write(out, metadata(), tensors(), progress);
    }

    GgufMetadata metadata() {
        GgufMetadata metadata = new GgufMetadata();
        metadata.putString("general.architecture", architecture);
        metadata.putString("general.type", "model");
        Path named = merge == null ? folder : merge.adapterFolder();
        metadata.putString("general.name", named.toAbsolutePath().normalize().getFileName().toString());
        metadata.putUInt32("general.alignment", GgufWriter.ALIGNMENT);
        metadata.putUInt32("general.file_type", type.fileType());
        metadata.putUInt32("general.quantization_version", 2);
        String a = architecture + ".";
        metadata.putUInt32(a + "vocab_size", config.vocabularySize());
        metadata.putUInt32(a + "context_length", config.maxPositions());
        metadata.putUInt32(a + "embedding_length", config.hiddenSize());
        metadata.putUInt32(a + "block_count", config.numberOfLayers());
        metadata.putUInt32(a + "feed_forward_length", config.intermediateSize());
        metadata.putUInt32(a + "attention.head_count", config.numberOfHeads());
        metadata.putUInt32(a + "attention.head_count_kv", config.numberOfKeyValueHeads());
        // Written always, so a head_dim other than hidden_size / heads (Mistral's) needs no default.
        metadata.putUInt32(a + "attention.key_length", config.headSize());
        metadata.putUInt32(a + "attention.value_length", config.headSize());
        metadata.putUInt32(a + "rope.dimension_count", config.headSize());
        metadata.putFloat32(a + "rope.freq_base", (float) config.ropeTheta());
        metadata.putFloat32(a + "attention.layer_norm_rms_epsilon", config.rmsNormEps());
        if (config.ropeScaling() instanceof RopeScaling.Linear linear) {
            metadata.putString(a + "rope.scaling.type", "linear");
            metadata.putFloat32(a + "rope.scaling.factor", (float) linear.factor());
        }
        vocabulary.addTo(metadata);
        return metadata;
    }

    List<GgufTensor> tensors() {
        int hidden = config.hiddenSize();
        List<GgufTensor> tensors = new ArrayList<>();
        tensors.add(matrix("token_embd.weight", "model.embed_tokens.weight", config.vocabularySize(), hidden, null));
        if (config.ropeScaling() instanceof RopeScaling.Llama3 llama3) {
            float[] factors = Llama3RopeFactors.of(llama3, config.ropeTheta(), config.headSize());
            tensors.add(GgufTensor.vector("rope_freqs.weight", factors.length, () -> factors));
        }
        boolean interleave = architecture.equals("llama");
        int[] queryOrder = interleave ? InterleavedRotaryOrder.rows(config.numberOfHeads(), config.headSize()) : null;
        int[] keyOrder = interleave ? InterleavedRotaryOrder.rows(config.numberOfKeyValueHeads(), config.headSize()) : null;
        for (int i = 0; i < config.numberOfLayers(); i++) {
            String hf = "model.layers." + i + ".";
            String blk = "blk." + i + ".";
            tensors.add(vector(blk + "attn_norm.weight", hf + "input_layernorm.weight", hidden, null));
            projection(tensors, blk + "attn_q", hf + "self_attn.q_proj", config.queryWidth(), hidden, config.attentionBias(), queryOrder);
            projection(tensors, blk + "attn_k", hf + "self_attn.k_proj", config.keyValueWidth(), hidden, config.attentionBias(), keyOrder);
            projection(tensors, blk + "attn_v", hf + "self_attn.v_proj", config.keyValueWidth(), hidden, config.attentionBias(), null);
            projection(tensors, blk + "attn_output", hf + "self_attn.o_proj", hidden, config.queryWidth(), config.outputBias(), null);
            tensors.add(vector(blk + "ffn_norm.weight", hf + "post_attention_layernorm.weight", hidden, null));
            int intermediate = config.intermediateSize();
            projection(tensors, blk + "ffn_gate", hf + "mlp.gate_proj", intermediate, hidden, config.mlpBias(), null);
            projection(tensors, blk + "ffn_up", hf + "mlp.up_proj", intermediate, hidden, config.mlpBias(), null);
            projection(tensors, blk + "ffn_down", hf + "mlp.down_proj", hidden, intermediate, config.mlpBias(), null);
        }
        tensors.add(vector("output_norm.weight", "model.norm.weight", hidden, null));
        if (!config.tieWordEmbeddings()) {
            if (!weights.contains("lm_head.weight")) {
                throw new BadInputException(weights.source() + " has no tensor lm_head.weight, and config.json does not set "
                        + "tie_word_embeddings; if the model shares its embeddings with its head, config.json should say "
                        + "\"tie_word_embeddings\": true");
            }
            tensors.add(matrix("output.weight", "lm_head.weight", config.vocabularySize(), hidden, null));
        }
        return tensors;
    }

    private void projection(List<GgufTensor> tensors, String name, String module, int out, int in, boolean biased, int[] rowOrder) {
        tensors.add(matrix(name + ".weight", module + ".weight", out, in, rowOrder));
        if (biased) tensors.add(vector(name + ".bias", module + ".bias", out, rowOrder));
    }

    /** A weight matrix in the export's type, or F16 when its rows cannot be split into Q8_0 blocks (as the converter falls back). */
    private GgufTensor matrix(String name, String source, int rows, int columns, int[] rowOrder) {
        GgufTensorType chosen = type.fitsRowsOf(columns) ? type : GgufTensorType.F16;
        return GgufTensor.matrix(name, chosen, rows, columns, () -> {
            TensorValues values = TensorValues.of(weights.matrix(source, rows, columns));
            float[] delta = merge == null ? null : merge.delta(source);
            if (delta != null) values = values.plus(delta);                     // merged before the rows move for llama.cpp
            return rowOrder == null ? values : values.withRowsFrom(rowOrder);
        });
    }

    private GgufTensor vector(String name, String source, int length, int[] order) {
        return GgufTensor.vector(name, length, () -> {
            float[] values = weights.vector(source, length);
            return order == null ? values : TensorValues.reordered(values, order);
        });
    }
}
