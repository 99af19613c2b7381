package dev.hone.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.generation.GenerationKind;
import dev.hone.strategy.llmfinetune.LlmFineTuneKind;
import dev.hone.strategy.ragclassify.RagClassifyKind;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StrategyKindsTest {

    @Test
    void everyKindIsRegisteredOnceUnderItsOwnId() {
        List<String> ids = StrategyKinds.ids();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(StrategyKinds.all()).doesNotHaveDuplicates();
        for (StrategyKind kind : StrategyKinds.all()) assertThat(StrategyKinds.byId(kind.id())).isSameAs(kind);
        assertThat(ids).containsExactly("zero-shot", "few-shot", "linear-probe", "lora", "full-finetune", "contrastive",
                "rag-classify", "llm-zero-shot", "llm-few-shot", "llm-cot", "llm-self-consistency", "llm-finetune", "distill",
                "cascade", "llm-generate", "rag");
    }

    /** The traits as declared by each registration: the one place results, the verdict and config reading read them from. */
    @Test
    void traitsAreTheOnesEachKindDeclares() {
        Map<String, Set<Trait>> traits = StrategyKinds.all().stream().collect(Collectors.toMap(StrategyKind::id, StrategyKind::traits));
        assertThat(traits).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("zero-shot", Set.of(Trait.PROMPT_ONLY)),
                Map.entry("few-shot", Set.of(Trait.PROMPT_ONLY, Trait.STOCHASTIC)),
                Map.entry("linear-probe", Set.of()),
                Map.entry("lora", Set.of(Trait.STOCHASTIC)),
                Map.entry("full-finetune", Set.of(Trait.STOCHASTIC)),
                Map.entry("contrastive", Set.of(Trait.STOCHASTIC)),
                Map.entry("rag-classify", Set.of(Trait.PROMPT_ONLY)),
                Map.entry("llm-zero-shot", Set.of(Trait.PROMPT_ONLY, Trait.ASKS_AN_LLM)),
                Map.entry("llm-few-shot", Set.of(Trait.PROMPT_ONLY, Trait.ASKS_AN_LLM)),
                Map.entry("llm-cot", Set.of(Trait.PROMPT_ONLY, Trait.ASKS_AN_LLM)),
                Map.entry("llm-self-consistency", Set.of(Trait.PROMPT_ONLY, Trait.ASKS_AN_LLM)),
                Map.entry("llm-finetune", Set.of(Trait.ASKS_AN_LLM, Trait.ALSO_GENERATES)),
                Map.entry("distill", Set.of(Trait.STOCHASTIC, Trait.NAMES_OTHER_STRATEGIES)),
                Map.entry("cascade", Set.of(Trait.NAMES_OTHER_STRATEGIES, Trait.ESCALATES)),
                Map.entry("llm-generate", Set.of(Trait.PROMPT_ONLY)),
                Map.entry("rag", Set.of(Trait.PROMPT_ONLY))));
        for (StrategyKind kind : StrategyKinds.all()) {
            assertThat(kind.promptOnly()).as(kind.id()).isEqualTo(kind.traits().contains(Trait.PROMPT_ONLY));
            assertThat(kind.stochastic()).as(kind.id()).isEqualTo(kind.traits().contains(Trait.STOCHASTIC));
        }
    }

    /** results.json said prompt_only for rag-classify while the verdict, reading the kind's name, charged it training CPU. */
    @Test
    void ragClassifyIsPromptOnlyWhereverItIsLookedUp() {
        StrategyKind ragClassify = StrategyKinds.byId("rag-classify");
        assertThat(ragClassify).isSameAs(RagClassifyKind.RAG_CLASSIFY);
        assertThat(ragClassify.promptOnly()).isTrue();
        assertThat(ragClassify.stochastic()).isFalse();
        assertThat(ragClassify.generates()).isFalse();
    }

    /** llm-finetune serves both tasks from its one registration: a label or a reference output is what its job trains on. */
    @Test
    void generationKindsServeGenerationTasksOnlyAndLlmFinetuneServesBoth() {
        assertThat(StrategyKinds.idsFor(true)).containsExactly("llm-finetune", "llm-generate", "rag");
        assertThat(StrategyKinds.idsFor(false)).contains("llm-finetune").doesNotContain("llm-generate", "rag");
        assertThat(StrategyKinds.byId("llm-finetune").serves(true)).isTrue();
        assertThat(StrategyKinds.byId("llm-zero-shot").serves(true)).isFalse();
        assertThat(StrategyKinds.byId("rag").serves(false)).isFalse();
        assertThat(StrategyKinds.all()).filteredOn(StrategyKind::generates).allMatch(k -> k instanceof GenerationKind);
        assertThat(StrategyKinds.all()).filteredOn(k -> !k.generates()).allMatch(k -> k instanceof ClassifierKind<?>);
        assertThatThrownBy(() -> StrategyKinds.classifier("rag")).isInstanceOf(IllegalArgumentException.class);
    }

    /** remote-finetune was llm-finetune's name while only hosted jobs existed: old configs, folders and results still name it. */
    @Test
    void aFormerIdFindsTheKindButIsNeverListed() {
        assertThat(StrategyKinds.byId("remote-finetune")).isSameAs(LlmFineTuneKind.LLM_FINETUNE);
        assertThat(StrategyKinds.classifier("remote-finetune").id()).isEqualTo("llm-finetune");
        assertThat(StrategyKinds.ids()).doesNotContain("remote-finetune");
        Set<String> everyName = new HashSet<>(StrategyKinds.ids());
        for (StrategyKind kind : StrategyKinds.all()) {
            for (String former : kind.formerIds()) assertThat(everyName.add(former)).as("%s names one kind only", former).isTrue();
        }
    }

    @Test
    void anUnknownIdIsRefusedWithTheId() {
        assertThatThrownBy(() -> StrategyKinds.byId("fine-tune")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown strategy kind 'fine-tune'");
        assertThat(StrategyKinds.find("fine-tune")).isEmpty();
    }
}
