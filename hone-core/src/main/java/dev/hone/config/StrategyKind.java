package dev.hone.config;

import java.util.Arrays;
import java.util.List;

/** The routes Hone compares, as named by {@code kind:} in the config. */
public enum StrategyKind {
    ZERO_SHOT("zero-shot", true, false),
    FEW_SHOT("few-shot", true, true),
    LINEAR_PROBE("linear-probe", false, false),
    LORA("lora", false, true),
    FULL_FINETUNE("full-finetune", false, true),
    CONTRASTIVE("contrastive", false, true),
    RAG_CLASSIFY("rag-classify", true, false),
    // LLM routes: prompt-only; whether repeats vary depends on the temperature (LlmConfig#stochastic).
    LLM_ZERO_SHOT("llm-zero-shot", true, false),
    LLM_FEW_SHOT("llm-few-shot", true, false),
    LLM_COT("llm-cot", true, false),
    LLM_SELF_CONSISTENCY("llm-self-consistency", true, false),
    // A hosted fine-tuning job; the fine-tuned model then answers like llm-zero-shot. Paid upfront, not stochastic here.
    REMOTE_FINETUNE("remote-finetune", false, false),
    // An in-process student (LoRA or full fine-tuning) trained on an LLM teacher's labels.
    DISTILL("distill", false, true),
    // An in-process candidate that escalates unsure texts to an LLM candidate; trains whatever its local part trains.
    CASCADE("cascade", false, false),
    // Generation routes (task.kind: generation): an LLM writes the answer, optionally from retrieved chunks.
    LLM_GENERATE("llm-generate", true, false),
    RAG("rag", true, false);

    private final String id;
    private final boolean promptOnly;
    private final boolean stochastic;

    StrategyKind(String id, boolean promptOnly, boolean stochastic) {
        this.id = id;
        this.promptOnly = promptOnly;
        this.stochastic = stochastic;
    }

    /** The name used in config files and results. */
    public String id() {
        return id;
    }

    /** No weights are trained: the route costs nothing upfront. */
    public boolean promptOnly() {
        return promptOnly;
    }

    /** Depends on the seed (example draws, initialisation, shuffling), so repeats vary. */
    public boolean stochastic() {
        return stochastic;
    }

    /** A route for {@code task.kind: generation} (free-text answers), not for classification. */
    public boolean generates() {
        return this == LLM_GENERATE || this == RAG;
    }

    /** The ids of the kinds a task of this kind takes. */
    public static List<String> idsFor(boolean generation) {
        return Arrays.stream(values()).filter(k -> k.generates() == generation).map(StrategyKind::id).toList();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(StrategyKind::id).toList();
    }

    public static StrategyKind fromId(String id) {
        for (StrategyKind kind : values()) if (kind.id.equals(id)) return kind;
        throw new IllegalArgumentException("unknown strategy kind '" + id + "'");
    }
}
