package dev.hone.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.hone.engine.autograd.Graph;
import dev.hone.engine.tokenizer.TokenBatch;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RoBERTa and MPNet sentence-transformers folders (tiny random fixtures written by
 * {@code src/test/python/encoder_reference.py}) against ONNX Runtime running the ONNX export of the
 * same weights, on the same token ids: last_hidden_state within 1e-4 and sentence embeddings, pooled
 * as the folder's 1_Pooling/config.json says, with cosine ≥ 0.9999. Hone runs the sentences as one
 * padded batch, so the position offset and relative position bias are checked under padding too.
 */
class EncoderFolderParityTest {
    static final List<String> SENTENCES = List.of(
            "hello",
            "?",
            "where is my order?",
            "i want a refund!!!",
            "the package arrived damaged, and the box is wet.",
            "Thanks 1 2 3, cancel my plan",
            "what's the plan? zzz qqq xylophone",
            ("the order and the refund and the package to my box ").repeat(8));

    static OrtEnvironment environment;

    @BeforeAll
    static void startOnnxRuntime() {
        environment = OrtEnvironment.getEnvironment();
    }

    @AfterAll
    static void stopOnnxRuntime() {
        environment.close();
    }

    static Path fixture(String name) {
        try {
            return Path.of(EncoderFolderParityTest.class.getClassLoader().getResource("encoder/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({"roberta-mean, MEAN, 32", "mpnet-cls, CLS, 40"})
    void matchesOnnxRuntime(String name, Pooling pooling, int maxTokens) throws Exception {
        PretrainedEncoder encoder = (PretrainedEncoder) Encoders.load(fixture(name).toString());
        assertThat(encoder.info().pooling()).as("pooling from 1_Pooling/config.json").isEqualTo(pooling);
        assertThat(encoder.info().maxTokens()).as("max_seq_length, else positions minus the offset").isEqualTo(maxTokens);
        assertMatchesOnnxRuntime(encoder, fixture(name).resolve("onnx/model.onnx"));
    }

    static void assertMatchesOnnxRuntime(PretrainedEncoder encoder, Path onnx) throws Exception {
        SentenceEmbedder embedder = encoder.embedder();
        TokenBatch batch = embedder.tokenizer().encode(SENTENCES);
        assertThat(batch.lengths()).as("the long sentence is cut to the maximum").contains(encoder.info().maxTokens());
        int hidden = encoder.info().dimension();
        float[] engineStates = embedder.model().forward(Graph.inference(embedder.kernels()), batch).data();
        float[][] engineEmbeddings = encoder.embed(SENTENCES);
        double worstDifference = 0;
        double worstCosine = 1;
        try (OrtSession session = environment.createSession(Files.readAllBytes(onnx), new OrtSession.SessionOptions())) {
            for (int b = 0; b < SENTENCES.size(); b++) {
                int length = batch.lengths()[b];
                long[][] ids = new long[1][length];
                long[][] mask = new long[1][length];
                for (int s = 0; s < length; s++) {
                    ids[0][s] = batch.inputIds()[b * batch.length() + s];
                    mask[0][s] = 1;
                }
                Map<String, OnnxTensor> inputs = new HashMap<>();
                inputs.put("input_ids", OnnxTensor.createTensor(environment, ids));
                inputs.put("attention_mask", OnnxTensor.createTensor(environment, mask));
                try (OrtSession.Result result = session.run(inputs)) {
                    float[][] states = ((float[][][]) result.get(0).getValue())[0];
                    for (int s = 0; s < length; s++) {
                        for (int j = 0; j < hidden; j++) {
                            float actual = engineStates[(b * batch.length() + s) * hidden + j];
                            worstDifference = Math.max(worstDifference, Math.abs(states[s][j] - actual));
                        }
                    }
                    worstCosine = Math.min(worstCosine, cosine(pool(states, encoder.info().pooling()), engineEmbeddings[b]));
                } finally {
                    inputs.values().forEach(OnnxTensor::close);
                }
            }
        }
        assertThat(worstDifference).as("max |last_hidden_state difference|").isLessThanOrEqualTo(1e-4);
        assertThat(worstCosine).as("min sentence-embedding cosine").isGreaterThanOrEqualTo(0.9999);
    }

    /** The reference pooling of one unpadded sentence's states (seq × hidden). */
    static double[] pool(float[][] states, Pooling pooling) {
        int hidden = states[0].length;
        double[] pooled = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            switch (pooling) {
                case CLS -> pooled[j] = states[0][j];
                case LAST_TOKEN -> pooled[j] = states[states.length - 1][j];
                case MEAN -> {
                    for (float[] state : states) pooled[j] += state[j] / states.length;
                }
                case MAX -> {
                    pooled[j] = Double.NEGATIVE_INFINITY;
                    for (float[] state : states) pooled[j] = Math.max(pooled[j], state[j]);
                }
            }
        }
        return pooled;
    }

    static double cosine(double[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
