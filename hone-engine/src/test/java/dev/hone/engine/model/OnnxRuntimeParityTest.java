package dev.hone.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.hone.engine.autograd.Graph;
import dev.hone.engine.tokenizer.TokenBatch;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's forward pass against ONNX Runtime on the same ONNX file and the same token ids:
 * last_hidden_state within 1e-4 and sentence embeddings with cosine ≥ 0.9999, for both built-in
 * encoders. The engine runs the sentences as one padded batch, so masking is checked too.
 */
class OnnxRuntimeParityTest {
    static final List<String> SENTENCES = List.of(
            "Hi",
            "ok",
            "?",
            "Where is my order?",
            "I want a refund!!!",
            "The package arrived damaged, and the box was soaked.",
            "Order #12345 cost $89.99 on 2024-03-15 at 10:30.",
            "naïve café – 東京",
            "Ünïcödé façade, jalapeño, smörgåsbord & crème brûlée.",
            "Привет, как дела?",
            "🙂 thanks a lot 👍",
            "can u pls cancel my subscrption asap",
            "What's the difference between the Pro and the Basic plan?",
            "\"Quoted\" text (with parentheses) [and brackets] {and braces}.",
            "e-mail: someone@example.com, phone: +1 (555) 123-4567",
            "The quick brown fox jumps over the lazy dog.",
            "A B C D E F G",
            "1 2 3 4 5 6 7 8 9 10",
            "Machine learning models can be prompted, retrieval-augmented, or fine-tuned; each route has costs.",
            "I have been a loyal customer for many years and I have never had a problem like this before. "
                    + "Last week I ordered a pair of headphones, and when they arrived the left ear cup was cracked. "
                    + "I contacted support twice but nobody answered, so I would like to know what my options are now.",
            ("This sentence is repeated to exceed the maximum length of the encoder. ").repeat(80));

    static OrtEnvironment environment;

    @BeforeAll
    static void startOnnxRuntime() {
        environment = OrtEnvironment.getEnvironment();
    }

    @AfterAll
    static void stopOnnxRuntime() {
        environment.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"all-minilm-l6-v2", "bge-small-en-v1.5"})
    void matchesOnnxRuntime(String name) throws Exception {
        // The first graph output is the last hidden state in both exports (output_0 / last_hidden_state).
        PretrainedEncoder encoder = (PretrainedEncoder) Encoders.load(name);
        SentenceEmbedder embedder = encoder.embedder();
        TokenBatch batch = embedder.tokenizer().encode(SENTENCES);
        int hidden = encoder.info().dimension();
        float[] engineStates = embedder.model().forward(Graph.inference(embedder.kernels()), batch).data();
        float[][] engineEmbeddings = encoder.embed(SENTENCES);
        assertThat(batch.lengths()).contains(encoder.info().maxTokens());

        byte[] onnx;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name + ".onnx")) {
            onnx = in.readAllBytes();
        }
        double worstDifference = 0;
        double worstCosine = 1;
        try (OrtSession session = environment.createSession(onnx, new OrtSession.SessionOptions())) {
            for (int b = 0; b < SENTENCES.size(); b++) {
                int length = batch.lengths()[b];
                long[][] ids = new long[1][length];
                long[][] mask = new long[1][length];
                long[][] types = new long[1][length];
                for (int s = 0; s < length; s++) {
                    ids[0][s] = batch.inputIds()[b * batch.length() + s];
                    mask[0][s] = 1;
                    types[0][s] = batch.tokenTypeIds()[b * batch.length() + s];
                }
                Map<String, OnnxTensor> inputs = new HashMap<>();
                inputs.put("input_ids", OnnxTensor.createTensor(environment, ids));
                inputs.put("attention_mask", OnnxTensor.createTensor(environment, mask));
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, types));
                try (OrtSession.Result result = session.run(inputs)) {
                    float[][][] states = (float[][][]) result.get(0).getValue();
                    double[] pooled = new double[hidden];
                    for (int s = 0; s < length; s++) {
                        for (int j = 0; j < hidden; j++) {
                            float expected = states[0][s][j];
                            float actual = engineStates[(b * batch.length() + s) * hidden + j];
                            worstDifference = Math.max(worstDifference, Math.abs(expected - actual));
                            if (encoder.info().pooling() == Pooling.MEAN || s == 0) pooled[j] += expected;
                        }
                    }
                    worstCosine = Math.min(worstCosine, cosine(pooled, engineEmbeddings[b]));
                } finally {
                    inputs.values().forEach(OnnxTensor::close);
                }
            }
        }
        assertThat(worstDifference).as("max |last_hidden_state difference|").isLessThanOrEqualTo(1e-4);
        assertThat(worstCosine).as("min sentence-embedding cosine").isGreaterThanOrEqualTo(0.9999);
    }

    private static double cosine(double[] a, float[] b) {
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
