package dev.hone.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.autograd.Tape;
import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.engine.tensor.Tensor;
import dev.hone.engine.tokenizer.TokenBatch;
import dev.hone.engine.weights.NamedTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End-to-end gradient check through a tiny random 2-layer BERT, with padding, dropout and LoRA,
 * with every layer's activations kept and with activation checkpointing (layers run again in backward).
 */
class TinyBertGradientTest {
    static final BertConfig CONFIG = new BertConfig(20, 8, 2, 2, 12, 10, 2, 1e-12f);

    static Map<String, NamedTensor> randomWeights(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, NamedTensor> weights = new LinkedHashMap<>();
        BertModel shapeSource = BertModel.fromWeights(CONFIG, zeros(), false);
        shapeSource.namedParameters().forEach((name, t) -> {
            float[] values = new float[t.size()];
            boolean gamma = name.endsWith("LayerNorm.weight");
            for (int i = 0; i < values.length; i++) values[i] = gamma ? 1f + (float) (random.nextDouble() * 0.2 - 0.1)
                    : (float) (random.nextDouble() * 0.6 - 0.3);
            weights.put(name, new NamedTensor(name, t.shape(), values));
        });
        return weights;
    }

    private static Map<String, NamedTensor> zeros() {
        Map<String, NamedTensor> weights = new LinkedHashMap<>();
        int h = CONFIG.hiddenSize();
        int i = CONFIG.intermediateSize();
        put(weights, "embeddings.word_embeddings.weight", CONFIG.vocabularySize(), h);
        put(weights, "embeddings.position_embeddings.weight", CONFIG.maxPositions(), h);
        put(weights, "embeddings.token_type_embeddings.weight", CONFIG.typeVocabularySize(), h);
        put(weights, "embeddings.LayerNorm.weight", h);
        put(weights, "embeddings.LayerNorm.bias", h);
        for (int l = 0; l < CONFIG.numberOfLayers(); l++) {
            String p = "encoder.layer." + l + ".";
            for (String linear : List.of("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense")) {
                put(weights, p + linear + ".weight", h, h);
                put(weights, p + linear + ".bias", h);
            }
            put(weights, p + "intermediate.dense.weight", i, h);
            put(weights, p + "intermediate.dense.bias", i);
            put(weights, p + "output.dense.weight", h, i);
            put(weights, p + "output.dense.bias", h);
            for (String norm : List.of("attention.output.LayerNorm", "output.LayerNorm")) {
                put(weights, p + norm + ".weight", h);
                put(weights, p + norm + ".bias", h);
            }
        }
        return weights;
    }

    private static void put(Map<String, NamedTensor> weights, String name, int... shape) {
        int size = 1;
        for (int d : shape) size *= d;
        weights.put(name, new NamedTensor(name, shape, new float[size]));
    }

    @ParameterizedTest(name = "checkpointing {0}")
    @ValueSource(booleans = {false, true})
    void gradientsOfEveryWeightMatchFiniteDifferences(boolean checkpointing) {
        BertModel model = BertModel.fromWeights(CONFIG, randomWeights(3), true)
                .withLora(List.of("attention.self.query", "attention.self.value"), 2, 4f, 0.1f, 9);
        // Non-zero B so the adapters' A gradients are exercised too.
        model.namedParameters().forEach((name, t) -> {
            if (name.endsWith("lora_B.weight")) for (int i = 0; i < t.size(); i++) t.data()[i] = 0.1f * ((i % 5) - 2);
        });
        TokenBatch tokens = new TokenBatch(2, 4, new int[] {1, 5, 7, 2, 1, 9, 2, 0},
                new float[] {1, 1, 1, 1, 1, 1, 1, 0}, new int[] {0, 0, 1, 1, 0, 0, 0, 0}, new int[] {4, 3});
        ReferenceKernels kernels = new ReferenceKernels();
        float[] weights = new float[2 * CONFIG.hiddenSize()];
        for (int i = 0; i < weights.length; i++) weights[i] = (float) Math.sin(i + 1.0);
        java.util.function.Supplier<Tape> newTape = Tape::new;
        Tape tape = newTape.get();
        tape.backward(loss(model, tokens, kernels, tape, weights, checkpointing));
        float h = 1e-2f;
        int checked = 0;
        for (Map.Entry<String, Tensor> entry : model.namedParameters().entrySet()) {
            Tensor parameter = entry.getValue();
            float[] x = parameter.data();
            float[] analytic = parameter.gradient().clone();
            // A spread of elements per tensor keeps the test fast while touching every weight matrix.
            for (int i = 0; i < x.length; i += Math.max(1, x.length / 6)) {
                float original = x[i];
                x[i] = original + h;
                double plus = loss(model, tokens, kernels, new Tape(), weights, checkpointing).data()[0];
                x[i] = original - h;
                double minus = loss(model, tokens, kernels, new Tape(), weights, checkpointing).data()[0];
                x[i] = original;
                double numeric = (plus - minus) / (2 * h);
                assertThat((double) analytic[i]).as("%s[%d]", entry.getKey(), i)
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(3e-3 + 3e-2 * Math.abs(numeric)));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(150);
    }

    private static Tensor loss(BertModel model, TokenBatch tokens, ReferenceKernels kernels, Tape tape, float[] weights,
                               boolean checkpointing) {
        Graph graph = Graph.training(kernels, tape, 11, checkpointing);
        Tensor hidden = model.forward(graph, tokens);
        Tensor pooled = graph.l2Normalize(graph.meanPool(hidden, tokens.attentionMask(), tokens.size(), tokens.length()));
        return graph.weightedSum(pooled, weights);
    }
}
