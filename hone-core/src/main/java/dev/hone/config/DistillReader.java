package dev.hone.config;

import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.TuningMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code distill} entry. Its teacher is another strategy, so like a cascade it is read
 * after every other entry; the student takes the usual training keys (LoRA keys only for a LoRA student).
 */
final class DistillReader {
    private DistillReader() {
    }

    static DistillConfig read(ConfigNode node, Map<String, StrategyConfig> byName, Path baseDirectory, String textField, long seed) {
        String student = node.choice("student", "lora", List.of("lora", "full"));
        TuningMethod method = "full".equals(student) ? TuningMethod.FULL : TuningMethod.LORA;
        Set<String> known = new HashSet<>(Set.of("name", "kind", "teacher", "student", "unlabeled"));
        known.addAll(StrategyReader.TRAINING_KEYS);
        if (method == TuningMethod.LORA) known.addAll(StrategyReader.LORA_KEYS);
        node.rejectUnknownKeys(known);
        String name = node.string("name", "distill", false);
        StrategyConfig teacher = CascadeReader.reference(node, "teacher", byName);
        if (teacher != null && !teacher.asksAnLlm()) {
            node.problem("teacher", "'" + teacher.name() + "' is " + teacher.kind().id()
                    + "; the teacher must be an LLM strategy (llm-zero-shot, llm-few-shot, llm-cot, llm-self-consistency, remote-finetune)");
            teacher = null;
        }
        FineTuneOptions options = StrategyReader.options(node, FineTuneOptions.defaults(method), seed);
        String unlabeled = node.string("unlabeled", null, false);
        Path file = null;
        if (unlabeled != null && !unlabeled.isBlank()) {
            file = baseDirectory.resolve(unlabeled).normalize();
            if (!Files.isRegularFile(file)) {
                node.problem("unlabeled", "file not found: " + file + " (paths are relative to the config file; one text per line, or JSONL)");
            }
        }
        if (teacher == null) return null;
        return new DistillConfig(name, teacher, options, file, textField);
    }
}
