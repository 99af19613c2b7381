package dev.hone.engine.model;

import dev.hone.engine.autograd.Graph;
import dev.hone.engine.autograd.Workspace;
import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.nn.BertModel;
import dev.hone.engine.tensor.Tensor;
import dev.hone.engine.tokenizer.TextTokenizer;
import dev.hone.engine.tokenizer.TokenBatch;
import dev.hone.engine.tokenizer.TokenizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A BERT model plus its tokenizer and pooling: texts → L2-normalised sentence embeddings.
 * Used as-is for inference and, with a recording {@link Graph}, inside training. {@code source}
 * says where the pretrained model came from, for saving tuned copies in its own formats.
 */
public record SentenceEmbedder(BertModel model, TextTokenizer tokenizer, Pooling pooling, Kernels kernels,
                               EncoderSource source) {
    /**
     * Padded tokens per inference pass. A pass holds at most 8·hidden + 2·intermediate floats per
     * token ({@link dev.hone.engine.nn.BertLayer#forward}): for bge-small 4,096 × 6,144 floats, about
     * 100 MB, whatever the mix of text lengths; long products are already at full matrix speed.
     */
    static final int TOKEN_BUDGET = 4096;
    /** Each embedding thread reuses its own buffers from call to call. */
    private static final ThreadLocal<Workspace> WORKSPACES = ThreadLocal.withInitial(Workspace::new);

    /** Pooled, normalised embeddings (batch × hidden) of one token batch, on the given graph. */
    public Tensor embed(Graph graph, TokenBatch tokens) {
        Tensor hidden = model.forward(graph, tokens);                       // (batch·seq, hidden)
        Tensor pooled = switch (pooling) {
            case CLS -> graph.clsPool(hidden, tokens.size(), tokens.length());
            case MEAN -> graph.meanPool(hidden, tokens.attentionMask(), tokens.size(), tokens.length());
            case MAX -> graph.maxPool(hidden, tokens.attentionMask(), tokens.size(), tokens.length());
            case LAST_TOKEN -> graph.lastTokenPool(hidden, tokens.attentionMask(), tokens.size(), tokens.length());
        };
        return graph.l2Normalize(pooled);                                    // (batch, hidden)
    }

    /**
     * Inference over any number of texts. Texts are sorted by token count and cut into passes of
     * at most {@link #TOKEN_BUDGET} padded tokens (a text longer than that runs alone), so each
     * pass pads little and memory is bounded; results come back in input order.
     */
    public float[][] embed(List<String> texts) {
        int hidden = model.config().hiddenSize();
        float[][] result = new float[texts.size()][];
        if (texts.isEmpty()) return result;
        List<TokenizedText> tokenized = tokenizer.tokenize(texts);
        Integer[] order = IntStream.range(0, texts.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> tokenized.get(i).length()));
        Workspace workspace = WORKSPACES.get();
        Graph graph = Graph.inference(kernels, workspace);
        for (int start = 0, end; start < order.length; start = end) {
            end = start + 1;
            // Ascending lengths: a pass pads to the length of its last text.
            while (end < order.length && (end - start + 1L) * tokenized.get(order[end]).length() <= TOKEN_BUDGET) end++;
            List<TokenizedText> pass = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) pass.add(tokenized.get(order[i]));
            float[] pooled = embed(graph, TokenBatch.padded(pass)).data();
            for (int i = start; i < end; i++) {
                result[order[i]] = Arrays.copyOfRange(pooled, (i - start) * hidden, (i - start + 1) * hidden);
            }
            workspace.reset();  // the pooled rows are copied out: this pass's buffers serve the next
        }
        return result;
    }

    /** Same tokenizer and pooling over another model (a tuned copy). */
    public SentenceEmbedder withModel(BertModel other) {
        return new SentenceEmbedder(other, tokenizer, pooling, kernels, source);
    }
}
