package dev.hone.strategy.tuned;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.ConfigNode;
import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.LoraTarget;
import dev.hone.engine.train.TuningMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The training keys of a strategy entry that trains an encoder (linear-probe, lora, full-finetune,
 * contrastive, distill): read over the engine's defaults, and written back as they ran.
 */
public final class FineTuneSettings {
    public static final Set<String> TRAINING_KEYS = Set.of("epochs", "batch_size", "learning_rate", "head_learning_rate",
            "warmup", "weight_decay", "max_grad_norm", "patience");
    public static final Set<String> LORA_KEYS = Set.of("rank", "alpha", "lora_dropout", "targets");

    private FineTuneSettings() {
    }

    /** The defaults, overridden by whichever keys are present; ranges checked here with their paths. */
    public static FineTuneOptions read(ConfigNode node, FineTuneOptions d, long seed) {
        List<String> targetIds = node.strings("targets",
                d.loraTargets().stream().map(t -> t.name().toLowerCase(Locale.ROOT)).sorted().toList(), targetIds());
        Set<LoraTarget> targets = targetIds.stream().map(id -> LoraTarget.valueOf(id.toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
        return new FineTuneOptions(d.method(),
                node.integer("rank", d.loraRank(), 1, 1024),
                (float) node.number("alpha", d.loraAlpha(), 1e-6, 1e6),
                (float) node.number("lora_dropout", d.loraDropout(), 0, 0.9),
                targets.isEmpty() ? d.loraTargets() : targets,
                node.integer("epochs", d.epochs(), 1, 1000),
                node.integer("batch_size", d.batchSize(), 1, 4096),
                (float) node.number("learning_rate", d.learningRate(), 1e-9, 1),
                (float) node.number("head_learning_rate", d.headLearningRate(), 1e-9, 10),
                (float) node.number("warmup", d.warmupFraction(), 0, 0.9),
                (float) node.number("weight_decay", d.weightDecay(), 0, 10),
                (float) node.number("max_grad_norm", d.maxGradientNorm(), 1e-6, 1e6),
                node.integer("patience", d.patience(), 0, 1000),
                seed);
    }

    /** The options' keys, as {@link #read} takes them, for the resolved config. */
    public static void write(ObjectNode node, FineTuneOptions o) {
        switch (o.method()) {
            case HEAD -> node.put("head_learning_rate", o.headLearningRate()).put("weight_decay", o.weightDecay());
            case LORA, FULL -> {
                if (o.method() == TuningMethod.LORA) {
                    node.put("rank", o.loraRank()).put("alpha", o.loraAlpha()).put("lora_dropout", o.loraDropout());
                    ArrayNode targets = node.putArray("targets");
                    o.loraTargets().stream().map(t -> t.name().toLowerCase(Locale.ROOT)).sorted().forEach(targets::add);
                }
                node.put("epochs", o.epochs()).put("batch_size", o.batchSize()).put("learning_rate", o.learningRate())
                        .put("head_learning_rate", o.headLearningRate()).put("warmup", o.warmupFraction())
                        .put("weight_decay", o.weightDecay()).put("max_grad_norm", o.maxGradientNorm())
                        .put("patience", o.patience());
            }
        }
    }

    /** Every set given, as one set of allowed keys. */
    @SafeVarargs
    public static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> s : sets) all.addAll(s);
        return all;
    }

    private static List<String> targetIds() {
        List<String> ids = new ArrayList<>();
        for (LoraTarget t : LoraTarget.values()) ids.add(t.name().toLowerCase(Locale.ROOT));
        return ids;
    }
}
