package dev.hone.strategy.distill;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.ConfigNode;
import dev.hone.config.StrategyConfig;
import dev.hone.config.StrategyContext;
import dev.hone.dataset.UnlabeledTexts;
import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.TuningMethod;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateFolder;
import dev.hone.strategy.ClassifierKind;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.Trait;
import dev.hone.strategy.tuned.FineTuneSettings;
import dev.hone.strategy.tuned.TunedCandidate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code distill}: an in-process student (LoRA or full fine-tuning) trained on an LLM teacher's
 * labels. Its teacher is another strategy, so its entry is read after the others.
 */
public final class DistillKind extends ClassifierKind<DistillConfig> {
    public static final DistillKind DISTILL = new DistillKind();

    private DistillKind() {
        super("distill", DistillConfig.class, Set.of(Trait.STOCHASTIC, Trait.NAMES_OTHER_STRATEGIES));
    }

    /** The student takes the usual training keys (LoRA keys only for a LoRA student). */
    @Override
    public DistillConfig read(ConfigNode node, StrategyContext context) {
        String student = node.choice("student", "lora", List.of("lora", "full"));
        TuningMethod method = "full".equals(student) ? TuningMethod.FULL : TuningMethod.LORA;
        Set<String> known = new HashSet<>(Set.of("name", "kind", "teacher", "student", "unlabeled"));
        known.addAll(FineTuneSettings.TRAINING_KEYS);
        if (method == TuningMethod.LORA) known.addAll(FineTuneSettings.LORA_KEYS);
        node.rejectUnknownKeys(known);
        String name = name(node);
        StrategyConfig teacher = context.strategy(node, "teacher");
        if (teacher != null && !teacher.asksAnLlm()) {
            node.problem("teacher", "'" + teacher.name() + "' is " + teacher.kind().id()
                    + "; the teacher must be an LLM strategy (llm-zero-shot, llm-few-shot, llm-cot, llm-self-consistency, llm-finetune)");
            teacher = null;
        }
        FineTuneOptions options = FineTuneSettings.read(node, FineTuneOptions.defaults(method), context.seed());
        String unlabeled = node.string("unlabeled", null, false);
        Path file = null;
        if (unlabeled != null && !unlabeled.isBlank()) {
            file = context.baseDirectory().resolve(unlabeled).normalize();
            if (!Files.isRegularFile(file)) {
                node.problem("unlabeled", "file not found: " + file + " (paths are relative to the config file; one text per line, or JSONL)");
            }
        }
        if (teacher == null) return null;
        return new DistillConfig(name, teacher, options, file, context.textField());
    }

    @Override
    protected void writeSettings(DistillConfig config, ObjectNode node) {
        node.put("teacher", config.teacher().name()).put("student", config.student().method() == TuningMethod.FULL ? "full" : "lora");
        if (config.unlabeled() != null) node.put("unlabeled", config.unlabeled().toString());
        FineTuneSettings.write(node, config.student());
    }

    /** An unlabeled file with bad lines is reported before anything trains, with file:line. */
    @Override
    protected void checkInputs(DistillConfig config) {
        if (config.unlabeled() != null) UnlabeledTexts.read(config.unlabeled(), config.textField());
    }

    @Override
    protected Strategy build(DistillConfig config) {
        return new DistillStrategy(config);
    }

    /** A distilled student is saved as the LoRA or full candidate it is. */
    @Override
    public Candidate load(CandidateFolder folder) {
        return TunedCandidate.load(folder);
    }
}
