package dev.hone.strategy.distill;

import dev.hone.config.StrategyConfig;
import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.TuningMethod;
import java.nio.file.Path;

/**
 * An LLM teacher labels texts; an in-process student is fine-tuned on those labels and validated
 * on the real labelled validation split.
 *
 * @param teacher   another strategy of the config whose every answer is an LLM's ({@code llm-*}, fine-tuned or not)
 * @param student   the student's training options: LoRA or full fine-tuning, defaults as for {@code lora} / {@code full-finetune}
 * @param unlabeled a text file (one text per line) or JSONL (the dataset's text field) for the teacher to label;
 *                  null to use the training texts with their labels hidden
 * @param textField the field holding the text in a JSONL {@code unlabeled} file
 */
public record DistillConfig(String name, StrategyConfig teacher, FineTuneOptions student, Path unlabeled, String textField)
        implements StrategyConfig {
    public DistillConfig {
        if (teacher == null || !teacher.asksAnLlm()) {
            throw new IllegalArgumentException("distill '" + name + "': teacher must be an llm-* strategy (llm-finetune included)");
        }
        if (student == null || (student.method() != TuningMethod.LORA && student.method() != TuningMethod.FULL)) {
            throw new IllegalArgumentException("distill '" + name + "': student must be lora or full");
        }
        if (textField == null || textField.isBlank()) throw new IllegalArgumentException("distill '" + name + "': textField is required");
    }

    @Override
    public DistillConfig withLlmCacheIn(Path directory) {
        return new DistillConfig(name, teacher.withLlmCacheIn(directory), student, unlabeled, textField);
    }

    @Override
    public boolean startsPaidJobs() {
        return teacher.startsPaidJobs();
    }

    @Override
    public DistillKind kind() {
        return DistillKind.DISTILL;
    }
}
