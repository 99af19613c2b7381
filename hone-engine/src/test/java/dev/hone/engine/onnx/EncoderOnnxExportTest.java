package dev.hone.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.hone.engine.autograd.Graph;
import dev.hone.engine.model.EncoderModel;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.model.ExportableEncoder;
import dev.hone.engine.model.SentenceEmbedder;
import dev.hone.engine.model.TextEncoder;
import dev.hone.engine.model.TunedEncoder;
import dev.hone.engine.tokenizer.TokenBatch;
import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.LabelledTexts;
import dev.hone.engine.train.LoraTarget;
import dev.hone.engine.train.SentencePair;
import dev.hone.engine.train.TrainingListener;
import dev.hone.engine.train.TunedClassifier;
import dev.hone.engine.train.TuningMethod;
import dev.hone.error.BadInputException;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ONNX export run in ONNX Runtime against Hone on the same texts, as one padded batch: a LoRA
 * candidate on all-MiniLM-L6-v2 trained a few steps (saved and loaded again, as a candidate folder
 * is), a full fine-tune, a contrastive (SetFit-style) LoRA tuning, bge-small (CLS pooling), and the
 * RoBERTa and MPNet fixtures (position offset, no token types, relative position bias; the RoBERTa
 * one also pooled by max and by the last token). {@code sentence_embedding} and
 * {@code last_hidden_state} on real tokens must be within 1e-4 of Hone's embeddings and hidden
 * states. The LoRA export also loads back into Hone as a model, and LangChain4j's
 * {@code OnnxEmbeddingModel(model.onnx, tokenizer.json, PoolingMode.MEAN)} embeds with it as Hone does;
 * ONNX's own checker accepts the files.
 */
class EncoderOnnxExportTest {
    static final List<String> TEXTS = List.of(
            "hello",
            "Where is my parcel? It was due on Monday.",
            "the striker scored a late goal",
            "¿Dónde está mi pedido? 😀 naïve café",
            "simmer the sauce for ten minutes, then add salt and chopped garlic",
            "a",
            ("the stock market fell sharply after the bank cut its forecast and investors sold their bonds ").repeat(35));
    static final String[][] TOPICS = {
        {"the striker scored a late goal", "our team won the football match", "the referee showed a red card",
            "fans cheered in the stadium", "the coach praised the defenders", "a penalty decided the final"},
        {"simmer the sauce for ten minutes", "add salt and chopped garlic", "bake the bread until golden",
            "whisk the eggs with sugar", "slice the onions thinly", "the soup needs more pepper"},
        {"heavy rain is expected tomorrow", "a cold front brings snow", "sunny skies all weekend",
            "strong winds along the coast", "the forecast warns of storms", "temperatures drop below zero"}};

    static OrtEnvironment environment;
    static EncoderModel minilm;
    static LabelledTexts train;

    @BeforeAll
    static void start() {
        environment = OrtEnvironment.getEnvironment();
        minilm = Encoders.load("all-minilm-l6-v2");
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int topic = 0; topic < TOPICS.length; topic++) {
            for (String text : TOPICS[topic]) {
                texts.add(text);
                labels.add(topic);
            }
        }
        train = new LabelledTexts(texts, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    @AfterAll
    static void stop() {
        environment.close();
    }

    @Test
    void aLoraCandidateRunsInOnnxRuntimeAsHoneEmbedsIt(@TempDir Path directory) throws Exception {
        TunedClassifier tuned = minilm.trainClassifier(train, null, 3, options(TuningMethod.LORA, 2), TrainingListener.NONE);
        tuned.save(directory.resolve("candidate"));
        TextEncoder encoder = minilm.loadClassifier(directory.resolve("candidate")).encoder();
        // B ≠ 0 after training: the tuned embeddings are not the pretrained ones.
        assertThat(maxDifference(encoder.embed(TEXTS), minilm.embed(TEXTS))).as("tuned vs pretrained").isGreaterThan(1e-3);

        Path out = directory.resolve("onnx");
        EncoderOnnxExport.Written written = EncoderOnnxExport.of(encoder).writeTo(out);

        assertThat(written.tokenTypeIds()).isTrue();
        assertThat(out.resolve("tokenizer.json")).exists();
        assertThat(Files.readString(out.resolve("1_Pooling/config.json"))).contains("\"pooling_mode_mean_tokens\" : true");
        Parity parity = runInOnnxRuntime("LoRA candidate", (ExportableEncoder) encoder, out, List.of("input_ids", "attention_mask", "token_type_ids"));
        parity.assertWithin(1e-4);
        // The folder is also a model Hone loads: the same weights, read back from model.onnx.
        assertThat(maxDifference(Encoders.load(out.toString()).embed(TEXTS), encoder.embed(TEXTS))).isLessThanOrEqualTo(1e-5);
        // So is model.onnx alone: heads from the scores' divisor, epsilon from LayerNormalization (texts under 256 tokens).
        List<String> shortTexts = TEXTS.subList(0, TEXTS.size() - 1);
        assertThat(maxDifference(Encoders.load(out.resolve("model.onnx").toString()).embed(shortTexts), encoder.embed(shortTexts)))
                .isLessThanOrEqualTo(1e-5);
        // LangChain4j's ONNX pipeline (its tokenizer, pooling the first output by the mean, normalising) embeds as Hone does.
        OnnxEmbeddingModel langchain4j = new OnnxEmbeddingModel(out.resolve("model.onnx"), out.resolve("tokenizer.json"), PoolingMode.MEAN);
        float[][] viaLangchain4j = new float[shortTexts.size()][];
        for (int i = 0; i < shortTexts.size(); i++) viaLangchain4j[i] = langchain4j.embed(shortTexts.get(i)).content().vector();
        double langchain4jDifference = maxDifference(viaLangchain4j, encoder.embed(shortTexts));
        System.out.printf(Locale.ROOT, "LangChain4j OnnxEmbeddingModel on the LoRA export: max |Δ| %.2e%n", langchain4jDifference);
        assertThat(langchain4jDifference).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void aFullFineTuneRunsInOnnxRuntimeAsHoneEmbedsIt(@TempDir Path directory) throws Exception {
        TunedClassifier tuned = minilm.trainClassifier(train, null, 3, options(TuningMethod.FULL, 1), TrainingListener.NONE);
        tuned.save(directory.resolve("candidate"));
        TextEncoder encoder = minilm.loadClassifier(directory.resolve("candidate")).encoder();
        assertThat(maxDifference(encoder.embed(TEXTS), minilm.embed(TEXTS))).as("tuned vs pretrained").isGreaterThan(1e-4);

        EncoderOnnxExport.of(encoder).writeTo(directory.resolve("onnx"));

        runInOnnxRuntime("full fine-tune", (ExportableEncoder) encoder, directory.resolve("onnx"), List.of("input_ids", "attention_mask", "token_type_ids"))
                .assertWithin(1e-4);
    }

    @Test
    void aContrastivelyTunedEncoderRunsInOnnxRuntimeAsHoneEmbedsIt(@TempDir Path directory) throws Exception {
        List<SentencePair> pairs = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            for (int j = i + 1; j < train.size(); j += 4) {
                pairs.add(new SentencePair(train.texts().get(i), train.texts().get(j), train.labels()[i] == train.labels()[j] ? 1f : 0f));
            }
        }
        TunedEncoder tuned = minilm.trainContrastive(pairs, options(TuningMethod.LORA, 1), TrainingListener.NONE);
        tuned.save(directory.resolve("candidate"));
        TextEncoder encoder = minilm.loadEncoder(directory.resolve("candidate"));
        assertThat(maxDifference(encoder.embed(TEXTS), minilm.embed(TEXTS))).as("tuned vs pretrained").isGreaterThan(1e-4);

        EncoderOnnxExport.of(encoder).writeTo(directory.resolve("onnx"));

        runInOnnxRuntime("contrastive LoRA", (ExportableEncoder) encoder, directory.resolve("onnx"), List.of("input_ids", "attention_mask", "token_type_ids"))
                .assertWithin(1e-4);
    }

    @Test
    void bgeSmallPoolsItsClsToken(@TempDir Path directory) throws Exception {
        EncoderModel bge = Encoders.load("bge-small-en-v1.5");
        EncoderOnnxExport.Written written = EncoderOnnxExport.of(bge).writeTo(directory.resolve("onnx"));

        assertThat(written.pooling()).hasToString("CLS");
        assertThat(Files.readString(directory.resolve("onnx/1_Pooling/config.json"))).contains("\"pooling_mode_cls_token\" : true");
        runInOnnxRuntime("bge-small-en-v1.5", (ExportableEncoder) bge, directory.resolve("onnx"), List.of("input_ids", "attention_mask", "token_type_ids"))
                .assertWithin(1e-4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"roberta-mean", "mpnet-cls"})
    void robertaAndMpnetFoldersExportWithTheirPositionsAndBias(String fixture, @TempDir Path directory) throws Exception {
        EncoderModel encoder = Encoders.load(fixture(fixture).toString());
        EncoderOnnxExport.Written written = EncoderOnnxExport.of(encoder).writeTo(directory.resolve("onnx"));

        assertThat(written.tokenTypeIds()).as("RoBERTa and MPNet exports take no token_type_ids").isFalse();
        runInOnnxRuntime(fixture, (ExportableEncoder) encoder, directory.resolve("onnx"), List.of("input_ids", "attention_mask"))
                .assertWithin(1e-4);
        assertThat(maxDifference(Encoders.load(directory.resolve("onnx").toString()).embed(TEXTS), encoder.embed(TEXTS)))
                .isLessThanOrEqualTo(1e-5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pooling_mode_max_tokens", "pooling_mode_lasttoken"})
    void maxAndLastTokenPoolingAreWrittenAsHonePools(String mode, @TempDir Path directory) throws Exception {
        Path folder = directory.resolve("roberta");
        try (var files = Files.walk(fixture("roberta-mean"))) {
            for (Path file : files.toList()) Files.copy(file, folder.resolve(fixture("roberta-mean").relativize(file).toString()));
        }
        Path pooling = folder.resolve("1_Pooling/config.json");
        Files.writeString(pooling, Files.readString(pooling).replace("\"pooling_mode_mean_tokens\": true", "\"pooling_mode_mean_tokens\": false")
                .replace("\"" + mode + "\": false", "\"" + mode + "\": true"));
        EncoderModel encoder = Encoders.load(folder.toString());
        assertThat(encoder.info().pooling().configKey()).isEqualTo(mode);

        EncoderOnnxExport.of(encoder).writeTo(directory.resolve("onnx"));

        runInOnnxRuntime(mode, (ExportableEncoder) encoder, directory.resolve("onnx"), List.of("input_ids", "attention_mask"))
                .assertWithin(1e-4);
    }

    /**
     * ONNX's own checker, with full_check (strict shape and type inference), accepts the BERT,
     * RoBERTa and MPNet exports: Debian's python3-onnx, which scripts/ensure-python-onnx installs
     * before these tests.
     */
    @Test
    void onnxsOwnCheckerAcceptsTheExports(@TempDir Path directory) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", """
                import sys, onnx
                for path in sys.argv[1:]:
                    model = onnx.load(path)
                    onnx.checker.check_model(model, full_check=True)
                    print(path, "ir", model.ir_version, "opset", model.opset_import[0].version, "ok")
                """));
        for (String name : List.of("all-minilm-l6-v2", fixture("roberta-mean").toString(), fixture("mpnet-cls").toString())) {
            Path out = directory.resolve("export-" + command.size());
            EncoderOnnxExport.of(Encoders.load(name)).writeTo(out);
            command.add(out.resolve(EncoderOnnxExport.MODEL_FILE).toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output.lines().filter(line -> line.endsWith("ir 8 opset 17 ok"))).hasSize(3);
    }

    @Test
    void anEncoderHoneDoesNotRunAndAFolderInUseAreRefused(@TempDir Path directory) throws Exception {
        TextEncoder foreign = new TextEncoder() {
            @Override
            public dev.hone.engine.model.EncoderInfo info() {
                return new dev.hone.engine.model.EncoderInfo("remote-embeddings", 4, 8, dev.hone.engine.model.Pooling.MEAN, 0);
            }

            @Override
            public float[][] embed(List<String> texts) {
                return new float[texts.size()][4];
            }

            @Override
            public int countTokens(String text) {
                return 1;
            }
        };
        assertThatThrownBy(() -> EncoderOnnxExport.of(foreign)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("remote-embeddings is not run by Hone's engine");
        Files.writeString(directory.resolve("notes.txt"), "keep");
        EncoderModel roberta = Encoders.load(fixture("roberta-mean").toString());
        assertThatThrownBy(() -> EncoderOnnxExport.of(roberta).writeTo(directory)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("it exists and is not an empty folder");
    }

    /** The worst differences between ONNX Runtime on the export and Hone, over {@link #TEXTS} as one padded batch. */
    record Parity(String model, double sentenceEmbedding, double lastHiddenState, int longest) {
        void assertWithin(double tolerance) {
            System.out.printf(Locale.ROOT, "%s: max |Δ| sentence_embedding %.2e, last_hidden_state %.2e (padded batch of %d, longest %d tokens)%n",
                    model, sentenceEmbedding, lastHiddenState, TEXTS.size(), longest);
            assertThat(sentenceEmbedding).as(model + " max |sentence_embedding difference|").isLessThanOrEqualTo(tolerance);
            assertThat(lastHiddenState).as(model + " max |last_hidden_state difference| on real tokens").isLessThanOrEqualTo(tolerance);
        }
    }

    static Parity runInOnnxRuntime(String label, ExportableEncoder encoder, Path folder, List<String> inputNames) throws Exception {
        SentenceEmbedder embedder = encoder.servingEmbedder();
        TokenBatch batch = embedder.tokenizer().encode(TEXTS);
        assertThat(batch.lengths()).as("the long text is cut to the length cap").contains(encoder.info().maxTokens());
        int hidden = encoder.info().dimension();
        float[] honeStates = embedder.model().forward(Graph.inference(embedder.kernels()), batch).data();
        float[][] honeEmbeddings = encoder.embed(TEXTS);
        long[][] ids = new long[batch.size()][batch.length()];
        long[][] mask = new long[batch.size()][batch.length()];
        long[][] types = new long[batch.size()][batch.length()];
        for (int b = 0; b < batch.size(); b++) {
            for (int s = 0; s < batch.length(); s++) {
                ids[b][s] = batch.inputIds()[b * batch.length() + s];
                mask[b][s] = (long) batch.attentionMask()[b * batch.length() + s];
                types[b][s] = batch.tokenTypeIds()[b * batch.length() + s];
            }
        }
        try (OrtSession session = environment.createSession(folder.resolve(EncoderOnnxExport.MODEL_FILE).toString(),
                new OrtSession.SessionOptions())) {
            assertThat(session.getInputNames()).containsExactlyInAnyOrderElementsOf(inputNames);
            assertThat(session.getOutputNames()).containsExactly("last_hidden_state", "sentence_embedding");
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", OnnxTensor.createTensor(environment, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, mask));
            if (inputNames.contains("token_type_ids")) inputs.put("token_type_ids", OnnxTensor.createTensor(environment, types));
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] states = (float[][][]) result.get("last_hidden_state").orElseThrow().getValue();
                float[][] embeddings = (float[][]) result.get("sentence_embedding").orElseThrow().getValue();
                double worstState = 0;
                for (int b = 0; b < batch.size(); b++) {
                    for (int s = 0; s < batch.lengths()[b]; s++) {
                        for (int j = 0; j < hidden; j++) {
                            worstState = Math.max(worstState, Math.abs(states[b][s][j] - honeStates[(b * batch.length() + s) * hidden + j]));
                        }
                    }
                }
                return new Parity(label, maxDifference(embeddings, honeEmbeddings), worstState, batch.length());
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    static double maxDifference(float[][] a, float[][] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
        }
        return worst;
    }

    private static FineTuneOptions options(TuningMethod method, int epochs) {
        FineTuneOptions d = FineTuneOptions.defaults(method);
        return new FineTuneOptions(method, 8, 16f, 0f, Set.of(LoraTarget.QUERY, LoraTarget.VALUE, LoraTarget.INTERMEDIATE), epochs, 6,
                method == TuningMethod.LORA ? 2e-3f : 5e-5f, 2e-2f, 0.1f, 0.01f, 1f, 0, d.seed());
    }

    static Path fixture(String name) {
        try {
            return Path.of(EncoderOnnxExportTest.class.getClassLoader().getResource("encoder/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
