package dev.hone.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import dev.hone.engine.nn.BertConfig;
import dev.hone.engine.tensor.Tensor;
import dev.hone.engine.weights.NamedTensor;
import dev.hone.engine.weights.Safetensors;
import dev.hone.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading sentence-transformers / Hugging Face folders: what is read from which file, and the refusals. */
class EncoderFolderTest {
    @TempDir
    Path temporary;

    @BeforeAll
    static void startOnnxRuntime() {
        EncoderFolderParityTest.environment = OrtEnvironment.getEnvironment();
    }

    @AfterAll
    static void stopOnnxRuntime() {
        EncoderFolderParityTest.environment.close();
    }

    @Test
    void theBuiltInWeightsInASentenceTransformersFolderEmbedLikeTheBuiltIn() throws IOException {
        PretrainedEncoder builtIn = (PretrainedEncoder) Encoders.load("all-minilm-l6-v2");
        BertConfig config = builtIn.embedder().model().config();
        Path folder = temporary.resolve("all-MiniLM-L6-v2");
        Files.createDirectories(folder.resolve("1_Pooling"));
        Map<String, NamedTensor> weights = new LinkedHashMap<>();
        builtIn.embedder().model().namedParameters().forEach((name, t) -> weights.put(name, new NamedTensor(name, t.shape(), t.data())));
        Safetensors.write(folder.resolve("model.safetensors"), weights, Map.of("format", "pt"));
        try (InputStream tokenizer = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(tokenizer, folder.resolve("tokenizer.json"));
        }
        Files.writeString(folder.resolve("config.json"), """
                {"architectures": ["BertModel"], "model_type": "bert", "hidden_act": "gelu", "vocab_size": %d,
                 "hidden_size": %d, "num_hidden_layers": %d, "num_attention_heads": %d, "intermediate_size": %d,
                 "max_position_embeddings": %d, "type_vocab_size": %d, "layer_norm_eps": 1e-12, "pad_token_id": 0}
                """.formatted(config.vocabularySize(), config.hiddenSize(), config.numberOfLayers(), config.numberOfHeads(),
                config.intermediateSize(), config.maxPositions(), config.typeVocabularySize()));
        writeModules(folder, true);
        writePooling(folder, Pooling.MEAN.configKey());
        Files.writeString(folder.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 256, \"do_lower_case\": false}");

        EncoderModel fromFolder = Encoders.load(folder.toString());

        assertThat(fromFolder.info().pooling()).isEqualTo(Pooling.MEAN);
        assertThat(fromFolder.info().maxTokens()).isEqualTo(256);
        float[][] expected = builtIn.embed(EncoderFolderParityTest.SENTENCES);
        float[][] actual = fromFolder.embed(EncoderFolderParityTest.SENTENCES);
        for (int i = 0; i < expected.length; i++) {
            double[] reference = new double[expected[i].length];
            for (int j = 0; j < reference.length; j++) reference[j] = expected[i][j];
            assertThat(EncoderFolderParityTest.cosine(reference, actual[i])).isGreaterThanOrEqualTo(0.9999);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"roberta-mean", "mpnet-cls"})
    void aFolderWithOnlyAnOnnxExportLoadsFromIt(String fixture) throws Exception {
        Path folder = copy(fixture);
        Files.delete(folder.resolve("model.safetensors"));
        PretrainedEncoder encoder = (PretrainedEncoder) Encoders.load(folder.toString());
        EncoderFolderParityTest.assertMatchesOnnxRuntime(encoder, folder.resolve("onnx/model.onnx"));
    }

    @Test
    void anF16OnnxExportWithExternalDataLoadsItsWeightsRoundedToF16() throws IOException {
        Path folder = copy("roberta-mean");
        Files.delete(folder.resolve("model.safetensors"));
        Files.move(folder.resolve("onnx/model_fp16.onnx"), folder.resolve("onnx/model.onnx"), StandardCopyOption.REPLACE_EXISTING);
        PretrainedEncoder half = (PretrainedEncoder) Encoders.load(folder.toString());
        PretrainedEncoder full = (PretrainedEncoder) Encoders.load(EncoderFolderParityTest.fixture("roberta-mean").toString());

        Map<String, Tensor> fullWeights = full.embedder().model().namedParameters();
        half.embedder().model().namedParameters().forEach((name, weight) -> {
            float[] expected = fullWeights.get(name).data();
            for (int i = 0; i < expected.length; i++) {
                assertThat(weight.data()[i]).as(name).isEqualTo(Float.float16ToFloat(Float.floatToFloat16(expected[i])));
            }
        });
        float[][] halfEmbeddings = half.embed(EncoderFolderParityTest.SENTENCES);
        float[][] fullEmbeddings = full.embed(EncoderFolderParityTest.SENTENCES);
        for (int i = 0; i < halfEmbeddings.length; i++) {
            double[] reference = new double[fullEmbeddings[i].length];
            for (int j = 0; j < reference.length; j++) reference[j] = fullEmbeddings[i][j];
            assertThat(EncoderFolderParityTest.cosine(reference, halfEmbeddings[i])).isGreaterThan(0.999);
        }

        Files.delete(folder.resolve("onnx/model_fp16.onnx_data"));
        assertThatThrownBy(() -> Encoders.load(folder.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("model_fp16.onnx_data")
                .hasMessageContaining("keep it beside the .onnx file");
    }

    @ParameterizedTest
    @EnumSource(value = Pooling.class, names = {"MAX", "LAST_TOKEN", "MEAN"})
    void everyPoolingModeMatchesOnnxRuntimePooledTheSameWay(Pooling pooling) throws Exception {
        Path folder = copy("mpnet-cls");
        writePooling(folder, pooling.configKey());
        PretrainedEncoder encoder = (PretrainedEncoder) Encoders.load(folder.toString());
        assertThat(encoder.info().pooling()).isEqualTo(pooling);
        EncoderFolderParityTest.assertMatchesOnnxRuntime(encoder, folder.resolve("onnx/model.onnx"));
    }

    @Test
    void withoutModulesJsonAPlainTransformersFolderIsMeanPooledAsSentenceTransformersWould() throws IOException {
        Path folder = copy("mpnet-cls");
        Files.delete(folder.resolve("modules.json"));
        assertThat(Encoders.load(folder.toString()).info().pooling()).isEqualTo(Pooling.MEAN);
    }

    @Test
    void anUnknownArchitectureIsRefusedListingTheSupportedOnes() throws IOException {
        Path folder = copy("roberta-mean");
        Files.writeString(folder.resolve("config.json"),
                Files.readString(folder.resolve("config.json")).replace("\"roberta\"", "\"deberta-v2\""));
        assertThatThrownBy(() -> Encoders.load(folder.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("model_type 'deberta-v2'")
                .hasMessageContaining("bert, roberta, xlm-roberta, mpnet");
    }

    @Test
    void poolingModesHoneDoesNotRunAndExtraModulesAreRefused() throws IOException {
        Path folder = copy("roberta-mean");
        writePooling(folder, "pooling_mode_mean_sqrt_len_tokens");
        assertThatThrownBy(() -> Encoders.load(folder.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("pooling_mode_mean_sqrt_len_tokens is not supported");
        writePooling(folder, Pooling.MEAN.configKey());
        Files.writeString(folder.resolve("modules.json"), """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                 {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}]
                """);
        assertThatThrownBy(() -> Encoders.load(folder.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("sentence_transformers.models.Dense, which Hone does not run");
    }

    private Path copy(String fixture) throws IOException {
        Path source = EncoderFolderParityTest.fixture(fixture);
        Path target = temporary.resolve(fixture);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) Files.createDirectories(copy);
                else Files.copy(file, copy);
            }
        }
        return target;
    }

    private static void writeModules(Path folder, boolean normalize) throws IOException {
        List<String> modules = new java.util.ArrayList<>(List.of(
                "{\"idx\": 0, \"name\": \"0\", \"path\": \"\", \"type\": \"sentence_transformers.models.Transformer\"}",
                "{\"idx\": 1, \"name\": \"1\", \"path\": \"1_Pooling\", \"type\": \"sentence_transformers.models.Pooling\"}"));
        if (normalize) {
            modules.add("{\"idx\": 2, \"name\": \"2\", \"path\": \"2_Normalize\", \"type\": \"sentence_transformers.models.Normalize\"}");
        }
        Files.writeString(folder.resolve("modules.json"), "[" + String.join(",\n", modules) + "]");
    }

    private static void writePooling(Path folder, String mode) throws IOException {
        StringBuilder json = new StringBuilder("{\"word_embedding_dimension\": 32");
        for (String key : List.of("pooling_mode_cls_token", "pooling_mode_mean_tokens", "pooling_mode_max_tokens",
                "pooling_mode_mean_sqrt_len_tokens", "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken")) {
            json.append(", \"").append(key).append("\": ").append(key.equals(mode));
        }
        Files.createDirectories(folder.resolve("1_Pooling"));
        Files.writeString(folder.resolve("1_Pooling/config.json"), json.append("}").toString());
    }
}
