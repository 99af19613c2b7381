package dev.hone.config;

import dev.hone.generation.GenerationKind;
import dev.hone.provider.ProviderConfig;
import java.util.List;

/**
 * One generation strategy: {@code llm-generate} (an instruction, optionally with {@code k}
 * demonstrations from the training pairs) or {@code rag} (the same, with the top chunks of a
 * knowledge base in the prompt). Templates fill {@code {input}} and, for rag, {@code {context}}.
 *
 * @param k           demonstrations per input (0: zero-shot; llm-generate only)
 * @param select      {@code random} (one seeded draw) or {@code similar} (nearest by the in-process encoder)
 * @param retrieval   where rag's chunks come from and how many; null for llm-generate
 * @param temperature sampling temperature in [0, 2] (default 0)
 * @param maxTokens   answer length cap (default 256)
 */
public record GenerateConfig(String name, GenerationKind kind, ProviderConfig provider, String systemTemplate,
                             String userTemplate, int k, String select, RagSource retrieval, double temperature,
                             int maxTokens) {
    public static final List<String> SELECTIONS = List.of("random", "similar");
    public static final int DEFAULT_MAX_TOKENS = 256;
    public static final String DEFAULT_SYSTEM = "Answer the question concisely, in one or two sentences.";
    public static final String DEFAULT_RAG_SYSTEM = """
            Answer the question concisely, in one or two sentences, using only the numbered context passages \
            below. After the answer, cite the source of every passage you used in square brackets, for example \
            [manual/setup.md]. If the passages do not contain the answer, say so.

            Context:
            {context}""";
    public static final String DEFAULT_USER = "{input}";

    public GenerateConfig {
        if (!kind.generates()) throw new IllegalArgumentException("strategy '" + name + "': kind must be llm-generate or rag, got " + kind.id());
        if (provider == null) throw new IllegalArgumentException("strategy '" + name + "': provider is required");
        if (!userTemplate.contains("{input}")) throw new IllegalArgumentException("strategy '" + name + "': user must contain {input}");
        if ((kind == GenerationKind.RAG) != (retrieval != null)) {
            throw new IllegalArgumentException("strategy '" + name + "': rag needs a retrieval source and llm-generate must not have one");
        }
        if (kind == GenerationKind.RAG && !(systemTemplate + userTemplate).contains("{context}")) {
            throw new IllegalArgumentException("strategy '" + name + "': system or user must contain {context}, where the retrieved chunks go");
        }
        if (k < 0) throw new IllegalArgumentException("strategy '" + name + "': k must be ≥ 0, got " + k);
        if (!SELECTIONS.contains(select)) throw new IllegalArgumentException("strategy '" + name + "': select must be random or similar");
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("strategy '" + name + "': temperature must be within [0, 2], got " + temperature);
        }
        if (maxTokens < 1) throw new IllegalArgumentException("strategy '" + name + "': max_tokens must be ≥ 1, got " + maxTokens);
    }

    public GenerateConfig withProvider(ProviderConfig other) {
        return new GenerateConfig(name, kind, other, systemTemplate, userTemplate, k, select, retrieval, temperature, maxTokens);
    }
}
