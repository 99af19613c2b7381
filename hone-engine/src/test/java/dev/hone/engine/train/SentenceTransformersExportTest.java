package dev.hone.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.engine.model.EncoderModel;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.model.Pooling;
import dev.hone.engine.weights.Safetensors;
import dev.hone.json.Json;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a tuning saves goes back into the ecosystem: a full fine-tune is a sentence-transformers /
 * transformers folder (config.json, model.safetensors under the architecture's own names, the
 * tokenizer, modules.json, pooling and max length) that Hone's folder loader reads back to the same
 * embeddings; adapters name the base model's Hugging Face id.
 */
class SentenceTransformersExportTest {
    static final List<String> TEXTS = List.of("where is my order", "i want a refund", "the box arrived damaged",
            "hello thanks", "cancel my plan", "what is the plan");
    static final LabelledTexts TRAIN = new LabelledTexts(TEXTS, new int[] {0, 1, 1, 0, 1, 0});

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(SentenceTransformersExportTest.class.getClassLoader().getResource("encoder/" + name).toURI());
    }

    private static FineTuneOptions options(TuningMethod method) {
        return new FineTuneOptions(method, 2, 4f, 0f, Set.of(LoraTarget.QUERY, LoraTarget.VALUE), 2, 3, 5e-3f,
                1e-2f, 0f, 0f, 1f, 0, 3L);
    }

    @Test
    void aFullFineTuneOfAnMpnetFolderIsASentenceTransformersFolderThatLoadsToTheSameEmbeddings(@TempDir Path directory)
            throws Exception {
        EncoderModel base = Encoders.load(fixture("mpnet-cls").toString());
        TunedClassifier tuned = base.trainClassifier(TRAIN, null, 2, options(TuningMethod.FULL), progress -> { });
        tuned.save(directory);
        keepForPythonCheck(tuned, directory);

        JsonNode config = Json.MAPPER.readTree(directory.resolve("config.json").toFile());
        assertThat(config.path("model_type").asText()).isEqualTo("mpnet");
        assertThat(config.path("architectures").get(0).asText()).isEqualTo("MPNetModel");
        assertThat(Safetensors.read(directory.resolve("model.safetensors")).keySet())
                .contains("encoder.layer.1.attention.attn.q.weight", "encoder.layer.0.attention.LayerNorm.bias",
                        "encoder.relative_attention_bias.weight", "embeddings.word_embeddings.weight")
                .noneMatch(name -> name.contains("attention.self") || name.contains("token_type"));
        assertThat(directory.resolve("tokenizer.json")).exists();
        assertThat(Json.MAPPER.readTree(directory.resolve("modules.json").toFile())).hasSize(2);
        assertThat(Json.MAPPER.readTree(directory.resolve("1_Pooling/config.json").toFile())
                .path("pooling_mode_cls_token").asBoolean()).isTrue();
        assertThat(Json.MAPPER.readTree(directory.resolve("sentence_bert_config.json").toFile())
                .path("max_seq_length").asInt()).isEqualTo(40);

        EncoderModel reloaded = Encoders.load(directory.toString());
        assertThat(reloaded.info().pooling()).isEqualTo(Pooling.CLS);
        float[][] expected = tuned.encoder().embed(TEXTS);
        float[][] actual = reloaded.embed(TEXTS);
        float[][] before = base.embed(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(cosine(expected[i], actual[i])).isGreaterThanOrEqualTo(0.99999);
        }
        assertThat(cosine(before[0], actual[0])).as("the saved weights are the tuned ones").isLessThan(0.99999);
        // And Hone's own loader of the candidate reads the renamed weights back too.
        assertThat(cosine(base.loadClassifier(directory).encoder().embed(TEXTS)[2], expected[2])).isGreaterThanOrEqualTo(0.99999);
    }

    @Test
    void aFullFineTuneOfTheBuiltInIsABertFolderWithItsTokenizerAndNormalisation(@TempDir Path directory) throws Exception {
        EncoderModel base = Encoders.load("all-minilm-l6-v2");
        FineTuneOptions options = new FineTuneOptions(TuningMethod.FULL, 2, 4f, 0f, Set.of(LoraTarget.QUERY), 1, 6, 1e-4f,
                1e-2f, 0f, 0f, 1f, 0, 3L);
        TunedClassifier tuned = base.trainClassifier(TRAIN, null, 2, options, progress -> { });
        tuned.save(directory);
        keepForPythonCheck(tuned, directory);

        JsonNode config = Json.MAPPER.readTree(directory.resolve("config.json").toFile());
        assertThat(config.path("architectures").get(0).asText()).isEqualTo("BertModel");
        assertThat(config.path("num_hidden_layers").asInt()).isEqualTo(6);
        assertThat(Json.MAPPER.readTree(directory.resolve("tokenizer_config.json").toFile()).path("do_lower_case").asBoolean()).isTrue();
        assertThat(Json.MAPPER.readTree(directory.resolve("modules.json").toFile()).get(2).path("type").asText())
                .isEqualTo("sentence_transformers.models.Normalize");
        EncoderModel reloaded = Encoders.load(directory.toString());
        assertThat(reloaded.info().maxTokens()).isEqualTo(256);
        float[][] expected = tuned.encoder().embed(TEXTS);
        float[][] actual = reloaded.embed(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) assertThat(cosine(expected[i], actual[i])).isGreaterThanOrEqualTo(0.99999);
    }

    @Test
    void adaptersNameTheBaseModelsHuggingFaceId(@TempDir Path directory) throws Exception {
        EncoderModel base = Encoders.load("bge-small-en-v1.5");
        FineTuneOptions options = new FineTuneOptions(TuningMethod.LORA, 2, 4f, 0f, Set.of(LoraTarget.QUERY), 1, 6, 1e-4f,
                1e-2f, 0f, 0f, 1f, 0, 3L);
        base.trainContrastive(List.of(new SentencePair(TEXTS.get(0), TEXTS.get(1), 0f)), options, progress -> { })
                .save(directory);
        assertThat(Json.MAPPER.readTree(directory.resolve("adapter_config.json").toFile())
                .path("base_model_name_or_path").asText()).isEqualTo("BAAI/bge-small-en-v1.5");

        Path folder = fixture("roberta-mean");
        EncoderModel roberta = Encoders.load(folder.toString());
        Path adapters = directory.resolve("roberta");
        roberta.trainContrastive(List.of(new SentencePair(TEXTS.get(0), TEXTS.get(1), 0f)), options, progress -> { })
                .save(adapters);
        assertThat(Json.MAPPER.readTree(adapters.resolve("adapter_config.json").toFile())
                .path("base_model_name_or_path").asText()).isEqualTo(folder.toAbsolutePath().normalize().toString());
    }

    @Test
    void mpnetAdaptersUseMpnetModuleNamesAndLoadBack(@TempDir Path directory) throws Exception {
        EncoderModel base = Encoders.load(fixture("mpnet-cls").toString());
        FineTuneOptions options = new FineTuneOptions(TuningMethod.LORA, 2, 4f, 0f, Set.of(LoraTarget.QUERY, LoraTarget.VALUE),
                3, 3, 5e-2f, 1e-2f, 0f, 0f, 1f, 0, 3L);
        TunedClassifier tuned = base.trainClassifier(TRAIN, null, 2, options, progress -> { });
        tuned.save(directory);
        keepForPythonCheck(tuned, directory);

        JsonNode config = Json.MAPPER.readTree(directory.resolve("adapter_config.json").toFile());
        assertThat(config.path("target_modules").toString()).isEqualTo("[\"attention.attn.q\",\"attention.attn.v\"]");
        assertThat(Safetensors.read(directory.resolve("adapter_model.safetensors")).keySet())
                .contains("base_model.model.encoder.layer.1.attention.attn.v.lora_B.weight");
        float[][] expected = tuned.encoder().embed(TEXTS);
        float[][] reloaded = base.loadClassifier(directory).encoder().embed(TEXTS);
        float[][] before = base.embed(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) assertThat(cosine(expected[i], reloaded[i])).isGreaterThanOrEqualTo(0.99999);
        assertThat(cosine(before[0], expected[0])).as("the adapters changed something").isLessThan(0.99999);
    }

    /**
     * With {@code -Dhone.test.keep=DIR} (surefire passes it on), saves a copy where encoder_reference.py --check can
     * read it after the test (a temporary folder is gone by then).
     */
    private static void keepForPythonCheck(TunedClassifier tuned, Path directory) {
        String keep = System.getProperty("hone.test.keep");
        if (keep != null) tuned.save(Path.of(keep).resolve(directory.getFileName()));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
