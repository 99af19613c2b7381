package dev.hone.generation;

import dev.hone.strategy.StrategyKind;
import dev.hone.strategy.Trait;
import java.util.Set;

/**
 * The prompt-only routes of a {@code task.kind: generation} run: an LLM writes the answer
 * ({@code llm-generate}), optionally from retrieved chunks ({@code rag}). Both read into
 * {@link dev.hone.config.GenerateConfig} and build with {@link Generators}, as does the tuned route,
 * {@code llm-finetune}, registered once for both tasks by its classification kind.
 */
public final class GenerationKind extends StrategyKind {
    public static final GenerationKind LLM_GENERATE = new GenerationKind("llm-generate", Set.of(Trait.PROMPT_ONLY));
    public static final GenerationKind RAG = new GenerationKind("rag", Set.of(Trait.PROMPT_ONLY));

    private GenerationKind(String id, Set<Trait> traits) {
        super(id, true, traits);
    }
}
