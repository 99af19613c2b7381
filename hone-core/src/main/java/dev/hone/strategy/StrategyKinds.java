package dev.hone.strategy;

import dev.hone.generation.GenerationKind;
import dev.hone.strategy.cascade.CascadeKind;
import dev.hone.strategy.contrastive.ContrastiveKind;
import dev.hone.strategy.distill.DistillKind;
import dev.hone.strategy.fewshot.FewShotKind;
import dev.hone.strategy.finetune.FineTuneKind;
import dev.hone.strategy.llm.LlmKind;
import dev.hone.strategy.ragclassify.RagClassifyKind;
import dev.hone.strategy.llmfinetune.LlmFineTuneKind;
import dev.hone.strategy.zeroshot.ZeroShotKind;
import java.util.List;
import java.util.Optional;

/**
 * Every strategy kind, one line each, in the order messages list them. A new kind is one package
 * with its {@link ClassifierKind} (config record, reading, building, loading) and one line here.
 */
public final class StrategyKinds {
    private static final List<StrategyKind> ALL = List.of(
            ZeroShotKind.ZERO_SHOT,
            FewShotKind.FEW_SHOT,
            FineTuneKind.LINEAR_PROBE,
            FineTuneKind.LORA,
            FineTuneKind.FULL_FINETUNE,
            ContrastiveKind.CONTRASTIVE,
            RagClassifyKind.RAG_CLASSIFY,
            LlmKind.LLM_ZERO_SHOT,
            LlmKind.LLM_FEW_SHOT,
            LlmKind.LLM_COT,
            LlmKind.LLM_SELF_CONSISTENCY,
            LlmFineTuneKind.LLM_FINETUNE,
            DistillKind.DISTILL,
            CascadeKind.CASCADE,
            GenerationKind.LLM_GENERATE,
            GenerationKind.RAG);

    private StrategyKinds() {
    }

    public static List<StrategyKind> all() {
        return ALL;
    }

    public static List<String> ids() {
        return ALL.stream().map(StrategyKind::id).toList();
    }

    /** The ids of the kinds a task of this kind takes. */
    public static List<String> idsFor(boolean generation) {
        return ALL.stream().filter(k -> k.serves(generation)).map(StrategyKind::id).toList();
    }

    /** The kind with this id, or that had it before ({@link StrategyKind#formerIds()}). */
    public static Optional<StrategyKind> find(String id) {
        return ALL.stream().filter(k -> k.id().equals(id)).findFirst()
                .or(() -> ALL.stream().filter(k -> k.formerIds().contains(id)).findFirst());
    }

    /** The kind with this id (or a former one), as named in a config, a candidate folder or results. */
    public static StrategyKind byId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown strategy kind '" + id + "'"));
    }

    /** The classification kind with this id. */
    public static ClassifierKind<?> classifier(String id) {
        if (byId(id) instanceof ClassifierKind<?> kind) return kind;
        throw new IllegalArgumentException("'" + id + "' is a generation kind, not a classification kind");
    }
}
