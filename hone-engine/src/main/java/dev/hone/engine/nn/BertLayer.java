package dev.hone.engine.nn;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.tensor.Tensor;
import java.util.function.BiFunction;

/** One post-norm transformer block of BERT. */
public record BertLayer(Linear query, Linear key, Linear value, Linear attentionOutput, Norm attentionNorm,
                        Linear intermediate, Linear output, Norm outputNorm) {

    /**
     * x: (batch·seq, hidden); mask: (batch × seq), 1 for tokens, 0 for padding; positionBias:
     * (heads × seq × seq) added to the attention scores, or null (all but MPNet). In inference only
     * each sub-block's output outlives it ({@link Graph#keepOnly}), so with a workspace a pass
     * holds at most 8·hidden + 2·intermediate floats per token (the attention half's eight
     * hidden-wide outputs, whose buffers the MLP half then reuses beside its two wide ones).
     */
    public Tensor forward(Graph graph, Tensor x, float[] mask, float[] positionBias, int batch, int seq, int heads,
                          float dropout) {
        Tensor q = query.forward(graph, x);                                          // (batch·seq, hidden)
        Tensor k = key.forward(graph, x);
        Tensor v = value.forward(graph, x);
        Tensor context = graph.attention(q, k, v, mask, positionBias, batch, seq, heads);  // (batch·seq, hidden)
        Tensor attended = graph.dropout(attentionOutput.forward(graph, context), dropout);
        x = attentionNorm.forward(graph, graph.add(x, attended));                    // residual, then norm
        graph.keepOnly(x);
        Tensor expanded = graph.gelu(intermediate.forward(graph, x));                // (batch·seq, intermediate)
        Tensor projected = graph.dropout(output.forward(graph, expanded), dropout);  // (batch·seq, hidden)
        Tensor y = outputNorm.forward(graph, graph.add(x, projected));               // residual, then norm
        graph.keepOnly(y);
        return y;
    }

    /**
     * A copy with each linear layer replaced by {@code change}, which receives the layer's module
     * name inside the block as Hugging Face names it ({@code attention.self.query}, …).
     */
    public BertLayer mapLinears(BiFunction<String, Linear, Linear> change) {
        return new BertLayer(change.apply("attention.self.query", query), change.apply("attention.self.key", key),
                change.apply("attention.self.value", value), change.apply("attention.output.dense", attentionOutput),
                attentionNorm, change.apply("intermediate.dense", intermediate), change.apply("output.dense", output),
                outputNorm);
    }
}
