package dev.hone.engine.nn;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.tensor.Tensor;
import dev.hone.engine.tokenizer.TokenBatch;
import dev.hone.engine.weights.NamedTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * A BERT-family encoder: embeddings, then {@code numberOfLayers} post-norm transformer blocks.
 * BERT itself; RoBERTa and XLM-R (positions from {@link BertConfig#positionOffset()}, one token
 * type); MPNet (no token types, the same position offset, and a {@link RelativePositionBias} added
 * to every layer's attention scores). Weights use Hugging Face BERT names whatever the
 * architecture (a loader renames MPNet's); {@link #namedParameters()} lists them in that naming.
 */
public final class BertModel {
    private static final String TOKEN_TYPES = "embeddings.token_type_embeddings.weight";
    /** MPNet's bias table, under its Hugging Face name. */
    public static final String RELATIVE_BIAS = "encoder.relative_attention_bias.weight";
    private final BertConfig config;
    private final Tensor wordEmbeddings;
    private final Tensor positionEmbeddings;
    /** Null when the model has no token types (MPNet). */
    private final Tensor typeEmbeddings;
    private final Norm embeddingNorm;
    /** Null when the model has none (all but MPNet). */
    private final RelativePositionBias relativePositionBias;
    private final List<BertLayer> layers;
    private final float dropout;

    public BertModel(BertConfig config, Tensor wordEmbeddings, Tensor positionEmbeddings, Tensor typeEmbeddings,
                     Norm embeddingNorm, RelativePositionBias relativePositionBias, List<BertLayer> layers, float dropout) {
        this.config = config;
        this.relativePositionBias = relativePositionBias;
        this.wordEmbeddings = wordEmbeddings;
        this.positionEmbeddings = positionEmbeddings;
        this.typeEmbeddings = typeEmbeddings;
        this.embeddingNorm = embeddingNorm;
        this.layers = List.copyOf(layers);
        this.dropout = dropout;
    }

    /** Builds the model from Hugging Face-named weights; {@code trainable} makes every weight a parameter. */
    public static BertModel fromWeights(BertConfig config, Map<String, NamedTensor> weights, boolean trainable) {
        WeightSource source = new WeightSource(weights, trainable);
        List<BertLayer> layers = new ArrayList<>();
        for (int i = 0; i < config.numberOfLayers(); i++) {
            String p = "encoder.layer." + i + ".";
            layers.add(new BertLayer(
                    source.linear(p + "attention.self.query"), source.linear(p + "attention.self.key"),
                    source.linear(p + "attention.self.value"), source.linear(p + "attention.output.dense"),
                    source.norm(p + "attention.output.LayerNorm", config.layerNormEps()),
                    source.linear(p + "intermediate.dense"), source.linear(p + "output.dense"),
                    source.norm(p + "output.LayerNorm", config.layerNormEps())));
        }
        Tensor types = config.typeVocabularySize() == 0 ? null : source.tensor(TOKEN_TYPES);
        // The bias table is not trained (a constant even in a full fine-tune): it is saved as loaded.
        RelativePositionBias bias = config.relativeAttentionBuckets() == 0 ? null
                : new RelativePositionBias(source.constant(RELATIVE_BIAS), config.relativeAttentionBuckets(),
                        config.numberOfHeads());
        return new BertModel(config, source.tensor("embeddings.word_embeddings.weight"),
                source.tensor("embeddings.position_embeddings.weight"), types,
                source.norm("embeddings.LayerNorm", config.layerNormEps()), bias, layers, 0.1f);
    }

    public BertConfig config() {
        return config;
    }

    /** Last hidden states, (batch·seq × hidden). */
    public Tensor forward(Graph graph, TokenBatch tokens) {
        int batch = tokens.size();
        int seq = tokens.length();
        if (seq > config.maxTokens()) {
            throw new IllegalArgumentException("sequence of " + seq + " tokens exceeds the model's " + config.maxTokens()
                    + " positions");
        }
        // Sequences are right-padded, so a real token's position is its index (+ the offset) in
        // every architecture; padding gets positions too, but no attention and no pooling.
        int[] positions = new int[batch * seq];
        for (int i = 0; i < positions.length; i++) positions[i] = i % seq + config.positionOffset();
        Tensor x = graph.embedding(wordEmbeddings, tokens.inputIds());                   // (batch·seq, hidden)
        if (typeEmbeddings != null) x = graph.add(x, graph.embedding(typeEmbeddings, tokens.tokenTypeIds()));
        x = graph.add(x, graph.embedding(positionEmbeddings, positions));
        x = graph.dropout(embeddingNorm.forward(graph, x), dropout);
        graph.keepOnly(x);
        float[] bias = relativePositionBias == null ? null : relativePositionBias.forSequence(seq);  // (heads, seq, seq)
        for (BertLayer layer : layers) {
            x = graph.block(x, (g, in) -> layer.forward(g, in, tokens.attentionMask(), bias, batch, seq,
                    config.numberOfHeads(), dropout));
        }
        return x;
    }

    /** A copy whose linear layers are replaced by {@code change(hfModuleName, linear)}. */
    public BertModel mapLinears(BiFunction<String, Linear, Linear> change) {
        List<BertLayer> changed = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String prefix = "encoder.layer." + i + ".";
            changed.add(layers.get(i).mapLinears((name, linear) -> change.apply(prefix + name, linear)));
        }
        return new BertModel(config, wordEmbeddings, positionEmbeddings, typeEmbeddings, embeddingNorm,
                relativePositionBias, changed, dropout);
    }

    /**
     * This model for serving once training has finished: LoRA merged and every linear weight a
     * constant ({@link Linear#frozen()}), so a tuned encoder runs as fast as the pretrained one.
     * The values are shared, not copied: the trained model must not change afterwards.
     */
    public BertModel frozen() {
        return mapLinears((name, linear) -> linear.frozen());
    }

    /** Adds fresh LoRA adapters to the linear layers whose module name ends with one of {@code targets}. */
    public BertModel withLora(List<String> targets, int rank, float alpha, float loraDropout, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return mapLinears((name, linear) -> targets.stream().anyMatch(name::endsWith)
                ? linear.withAdapter(LoraAdapter.create(linear.in(), linear.out(), rank, alpha, loraDropout, random))
                : linear);
    }

    /** Every weight (and adapter) by Hugging Face / PEFT name, in a stable order. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> named = new LinkedHashMap<>();
        named.put("embeddings.word_embeddings.weight", wordEmbeddings);
        named.put("embeddings.position_embeddings.weight", positionEmbeddings);
        if (typeEmbeddings != null) named.put(TOKEN_TYPES, typeEmbeddings);
        named.put("embeddings.LayerNorm.weight", embeddingNorm.weight());
        named.put("embeddings.LayerNorm.bias", embeddingNorm.bias());
        for (int i = 0; i < layers.size(); i++) {
            String p = "encoder.layer." + i + ".";
            BertLayer layer = layers.get(i);
            putLinear(named, p + "attention.self.query", layer.query());
            putLinear(named, p + "attention.self.key", layer.key());
            putLinear(named, p + "attention.self.value", layer.value());
            putLinear(named, p + "attention.output.dense", layer.attentionOutput());
            named.put(p + "attention.output.LayerNorm.weight", layer.attentionNorm().weight());
            named.put(p + "attention.output.LayerNorm.bias", layer.attentionNorm().bias());
            putLinear(named, p + "intermediate.dense", layer.intermediate());
            putLinear(named, p + "output.dense", layer.output());
            named.put(p + "output.LayerNorm.weight", layer.outputNorm().weight());
            named.put(p + "output.LayerNorm.bias", layer.outputNorm().bias());
        }
        if (relativePositionBias != null) named.put(RELATIVE_BIAS, relativePositionBias.table());
        return named;
    }

    private static void putLinear(Map<String, Tensor> named, String prefix, Linear linear) {
        named.put(prefix + ".weight", linear.weight());
        named.put(prefix + ".bias", linear.bias());
        if (linear.adapter() != null) {
            named.put(prefix + ".lora_A.weight", linear.adapter().a());
            named.put(prefix + ".lora_B.weight", linear.adapter().b());
        }
    }

    public long parameterCount() {
        long count = 0;
        for (Map.Entry<String, Tensor> e : namedParameters().entrySet()) {
            if (!e.getKey().contains(".lora_")) count += e.getValue().size();
        }
        return count;
    }

    public long trainableParameterCount() {
        return namedParameters().values().stream().filter(Tensor::requiresGradient).mapToLong(Tensor::size).sum();
    }

    /** Looks up weights by name, wrapping each as a constant or a trainable copy. */
    private record WeightSource(Map<String, NamedTensor> weights, boolean trainable) {
        Tensor tensor(String name) {
            NamedTensor t = weights.get(name);
            if (t == null) throw new IllegalArgumentException("missing weight " + name);
            return trainable ? Tensor.parameter(t.values().clone(), t.shape()) : Tensor.of(t.values(), t.shape());
        }

        Tensor constant(String name) {
            NamedTensor t = weights.get(name);
            if (t == null) throw new IllegalArgumentException("missing weight " + name);
            return Tensor.of(t.values(), t.shape());
        }

        Linear linear(String prefix) {
            return new Linear(tensor(prefix + ".weight"), tensor(prefix + ".bias"));
        }

        Norm norm(String prefix, float eps) {
            return new Norm(tensor(prefix + ".weight"), tensor(prefix + ".bias"), eps);
        }
    }
}
