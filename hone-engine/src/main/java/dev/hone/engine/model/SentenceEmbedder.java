package dev.hone.engine.model;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.autograd.Workspace;
import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.nn.BertModel;
import dev.hone.engine.tensor.Tensor;
import dev.hone.engine.tokenizer.TextTokenizer;
import dev.hone.engine.tokenizer.TokenBatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A BERT model plus its tokenizer and pooling: texts → L2-normalised sentence embeddings.
 * Used as-is for inference and, with a recording {@link Graph}, inside training.
 */
public record SentenceEmbedder(BertModel model, TextTokenizer tokenizer, Pooling pooling, Kernels kernels) {
    /** Texts per forward pass at inference. */
    private static final int BATCH = 32;
    /** Each embedding thread reuses its own buffers from call to call. */
    private static final ThreadLocal<Workspace> WORKSPACES = ThreadLocal.withInitial(Workspace::new);

    /** Pooled, normalised embeddings (batch × hidden) of one token batch, on the given graph. */
    public Tensor embed(Graph graph, TokenBatch tokens) {
        Tensor hidden = model.forward(graph, tokens);                       // (batch·seq, hidden)
        Tensor pooled = pooling == Pooling.CLS
                ? graph.clsPool(hidden, tokens.size(), tokens.length())
                : graph.meanPool(hidden, tokens.attentionMask(), tokens.size(), tokens.length());
        return graph.l2Normalize(pooled);                                    // (batch, hidden)
    }

    /**
     * Inference over any number of texts. Texts are sorted by length before batching so each batch
     * pads little; results come back in input order.
     */
    public float[][] embed(List<String> texts) {
        int hidden = model.config().hiddenSize();
        float[][] result = new float[texts.size()][];
        Integer[] order = IntStream.range(0, texts.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
        Workspace workspace = WORKSPACES.get();
        Graph graph = Graph.inference(kernels, workspace);
        for (int start = 0; start < order.length; start += BATCH) {
            int end = Math.min(order.length, start + BATCH);
            List<String> batch = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) batch.add(texts.get(order[i]));
            float[] pooled = embed(graph, tokenizer.encode(batch)).data();
            for (int i = start; i < end; i++) {
                float[] row = new float[hidden];
                System.arraycopy(pooled, (i - start) * hidden, row, 0, hidden);
                result[order[i]] = row;
            }
            workspace.reset();  // the pooled rows are copied out: this batch's buffers serve the next
        }
        return result;
    }

    /** Same tokenizer and pooling over another model (a tuned copy). */
    public SentenceEmbedder withModel(BertModel other) {
        return new SentenceEmbedder(other, tokenizer, pooling, kernels);
    }
}
