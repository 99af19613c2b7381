package dev.hone.config;

import dev.hone.generation.GenerationKind;
import dev.hone.optimize.OptimizeConfig;
import dev.hone.provider.ProviderConfig;
import dev.hone.strategy.StrategyKind;
import dev.hone.strategy.llmfinetune.FineTuneJobConfig;
import dev.hone.strategy.llmfinetune.LlmFineTuneKind;
import java.util.List;

/**
 * One generation strategy: {@code llm-generate} (an instruction, optionally with {@code k}
 * demonstrations from the training pairs), {@code rag} (the same, with the top chunks of a
 * knowledge base in the prompt) or {@code llm-finetune} (the provider's model fine-tuned on the
 * training pairs, each input asked with these templates and answered with its reference output,
 * then asked like llm-generate without demonstrations). Templates fill {@code {input}} and, for
 * rag, {@code {context}}.
 *
 * @param k           demonstrations per input (0: zero-shot; llm-generate only)
 * @param select      {@code random} (one seeded draw) or {@code similar} (nearest by the in-process encoder)
 * @param retrieval   where rag's chunks come from and how many; null for llm-generate
 * @param temperature sampling temperature in [0, 2] (default 0)
 * @param maxTokens   answer length cap (default 256)
 * @param tuning      llm-finetune's job (epochs, polling, ledger); null for llm-generate and rag
 * @param optimize    the {@code optimize:} block of llm-generate and rag (instruction, demonstrations, and rag's
 *                    chunks per prompt searched on the training pairs); null when the prompt is used as written
 */
public record GenerateConfig(String name, StrategyKind kind, ProviderConfig provider, String systemTemplate,
                             String userTemplate, int k, String select, RagSource retrieval, double temperature,
                             int maxTokens, FineTuneJobConfig tuning, OptimizeConfig optimize) {
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
        if (!kind.serves(true)) {
            throw new IllegalArgumentException("strategy '" + name + "': kind must be llm-generate, rag or llm-finetune, got " + kind.id());
        }
        if (provider == null) throw new IllegalArgumentException("strategy '" + name + "': provider is required");
        if (!userTemplate.contains("{input}")) throw new IllegalArgumentException("strategy '" + name + "': user must contain {input}");
        if ((kind == GenerationKind.RAG) != (retrieval != null)) {
            throw new IllegalArgumentException("strategy '" + name + "': rag needs a retrieval source and llm-generate must not have one");
        }
        if (kind == GenerationKind.RAG && !(systemTemplate + userTemplate).contains("{context}")) {
            throw new IllegalArgumentException("strategy '" + name + "': system or user must contain {context}, where the retrieved chunks go");
        }
        if ((kind == LlmFineTuneKind.LLM_FINETUNE) != (tuning != null)) {
            throw new IllegalArgumentException("strategy '" + name + "': llm-finetune needs its job's settings, the other kinds have none");
        }
        if (tuning != null && k != 0) {
            throw new IllegalArgumentException("strategy '" + name + "': llm-finetune asks without demonstrations, got k " + k);
        }
        if (k < 0) throw new IllegalArgumentException("strategy '" + name + "': k must be ≥ 0, got " + k);
        if (!SELECTIONS.contains(select)) throw new IllegalArgumentException("strategy '" + name + "': select must be random or similar");
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("strategy '" + name + "': temperature must be within [0, 2], got " + temperature);
        }
        if (maxTokens < 1) throw new IllegalArgumentException("strategy '" + name + "': max_tokens must be ≥ 1, got " + maxTokens);
        if (tuning != null && optimize != null) {
            throw new IllegalArgumentException("strategy '" + name + "': llm-finetune trains its model; optimize applies to llm-generate and rag");
        }
    }

    /** The same strategy through {@code other} (the provider moved to a fresh answer cache; a job's ledger stays where it is). */
    public GenerateConfig withProvider(ProviderConfig other) {
        return new GenerateConfig(name, kind, other, systemTemplate, userTemplate, k, select, retrieval, temperature, maxTokens,
                tuning == null ? null : tuning.withProvider(other), optimize);
    }

    /** The same strategy asking {@code model} of its provider (an llm-finetune's tuned model), its job unchanged. */
    public GenerateConfig askingModel(String model) {
        return new GenerateConfig(name, kind, provider.withModel(model), systemTemplate, userTemplate, k, select, retrieval, temperature,
                maxTokens, tuning, optimize);
    }

    /**
     * The same strategy asking with another system template and, for rag, {@code chunks} chunks per
     * prompt (ignored for llm-generate): a trial of its prompt search, or the prompt the search kept.
     */
    public GenerateConfig withPrompt(String system, int chunks) {
        RagSource source = retrieval == null ? null : new RagSource(retrieval.documents(), retrieval.knowledgeBase(), chunks,
                retrieval.mode(), retrieval.chunkTokens(), retrieval.overlap());
        return new GenerateConfig(name, kind, provider, system, userTemplate, k, select, source, temperature, maxTokens, tuning, optimize);
    }
}
