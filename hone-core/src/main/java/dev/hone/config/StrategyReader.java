package dev.hone.config;

import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.LoraTarget;
import dev.hone.engine.train.TuningMethod;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads one {@code strategies[i]} entry into the record for its kind, checking every setting. */
final class StrategyReader {
    static final Set<String> TRAINING_KEYS = Set.of("epochs", "batch_size", "learning_rate", "head_learning_rate",
            "warmup", "weight_decay", "max_grad_norm", "patience");
    static final Set<String> LORA_KEYS = Set.of("rank", "alpha", "lora_dropout", "targets");

    private StrategyReader() {
    }

    static StrategyConfig read(ConfigNode node, long seed) {
        return read(node, seed, java.util.Map.of());
    }

    static StrategyConfig read(ConfigNode node, long seed, java.util.Map<String, dev.hone.provider.ProviderConfig> providers) {
        if (node.has("kind") && StrategyKind.idsFor(true).contains(node.raw("kind").asText())) {
            node.problem("kind", "'" + node.raw("kind").asText() + "' is a generation strategy; set task.kind: generation to use it"
                    + " (a classification run takes " + String.join(", ", StrategyKind.idsFor(false)) + ")");
            return null;
        }
        String kindId = node.choice("kind", null, StrategyKind.ids());
        if (!node.has("kind")) node.string("kind", null, true);
        String name = node.string("name", kindId == null ? "strategy" : kindId, false);
        if (kindId == null) return null;
        StrategyKind kind = StrategyKind.fromId(kindId);
        return switch (kind) {
            case ZERO_SHOT -> {
                node.rejectUnknownKeys(Set.of("name", "kind", "template"));
                yield new ZeroShotConfig(name, node.string("template", ZeroShotConfig.DEFAULT_TEMPLATE, false));
            }
            case FEW_SHOT -> {
                node.rejectUnknownKeys(Set.of("name", "kind", "k", "select", "method"));
                yield new FewShotConfig(name, node.integer("k", 0, 1, 10_000),
                        node.choice("select", "random", List.of("random", "similar")),
                        node.choice("method", "knn", List.of("knn", "prototype")));
            }
            case LINEAR_PROBE -> {
                node.rejectUnknownKeys(Set.of("name", "kind", "head_learning_rate", "weight_decay"));
                yield new FineTuneConfig(name, kind, options(node, FineTuneOptions.defaults(TuningMethod.HEAD), seed));
            }
            case LORA -> {
                node.rejectUnknownKeys(union(Set.of("name", "kind"), TRAINING_KEYS, LORA_KEYS));
                yield new FineTuneConfig(name, kind, options(node, FineTuneOptions.defaults(TuningMethod.LORA), seed));
            }
            case FULL_FINETUNE -> {
                node.rejectUnknownKeys(union(Set.of("name", "kind"), TRAINING_KEYS));
                yield new FineTuneConfig(name, kind, options(node, FineTuneOptions.defaults(TuningMethod.FULL), seed));
            }
            case CONTRASTIVE -> {
                node.rejectUnknownKeys(union(Set.of("name", "kind", "tuning", "pairs_per_example"), TRAINING_KEYS, LORA_KEYS));
                String tuning = node.choice("tuning", "lora", List.of("lora", "full"));
                TuningMethod method = "full".equals(tuning) ? TuningMethod.FULL : TuningMethod.LORA;
                yield new ContrastiveConfig(name, options(node, ContrastiveConfig.defaults(method), seed),
                        node.integer("pairs_per_example", ContrastiveConfig.DEFAULT_PAIRS_PER_EXAMPLE, 1, 1000));
            }
            case RAG_CLASSIFY -> {
                node.rejectUnknownKeys(Set.of("name", "kind", "k", "mode", "documents", "chunk_tokens"));
                String documents = node.string("documents", null, false);
                yield new RagClassifyConfig(name, node.integer("k", RagClassifyConfig.DEFAULT_K, 1, 1000),
                        node.choice("mode", RagClassifyConfig.DEFAULT_MODE, List.of("hybrid", "vector", "bm25")),
                        documents == null || documents.isBlank() ? null : java.nio.file.Path.of(documents),
                        node.integer("chunk_tokens", RagClassifyConfig.DEFAULT_CHUNK_TOKENS, 8, 512));
            }
            case LLM_ZERO_SHOT, LLM_FEW_SHOT, LLM_COT, LLM_SELF_CONSISTENCY -> LlmStrategyReader.read(node, name, kind, providers);
            case REMOTE_FINETUNE -> RemoteFineTuneReader.read(node, name, providers);
            case LLM_GENERATE, RAG -> throw new IllegalStateException("generation kinds are refused above");
            case CASCADE, DISTILL -> throw new IllegalStateException(kind.id() + " entries name other strategies: they are read after the others");
        };
    }

    /** The defaults, overridden by whichever keys are present; ranges checked here with their paths. */
    static FineTuneOptions options(ConfigNode node, FineTuneOptions d, long seed) {
        List<String> targetIds = node.strings("targets",
                d.loraTargets().stream().map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList(),
                ConfigLoader.targetIds());
        Set<LoraTarget> targets = targetIds.stream().map(ConfigLoader::target).collect(Collectors.toSet());
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

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> s : sets) all.addAll(s);
        return all;
    }
}
