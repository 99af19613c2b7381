package dev.hone.config;

import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code cascade} entry. It names two other strategies, so it is read after every other
 * entry, with those by name.
 */
final class CascadeReader {
    private CascadeReader() {
    }

    static CascadeConfig read(ConfigNode node, Map<String, StrategyConfig> byName) {
        node.rejectUnknownKeys(Set.of("name", "kind", "local", "remote", "threshold", "max_escalation"));
        String name = node.string("name", "cascade", false);
        StrategyConfig local = reference(node, "local", byName);
        StrategyConfig remote = reference(node, "remote", byName);
        if (local != null && (local.asksAnLlm() || local instanceof CascadeConfig || local instanceof DistillConfig)) {
            node.problem("local", "'" + local.name() + "' is " + local.kind().id() + "; local must be an in-process strategy "
                    + "(zero-shot, few-shot, linear-probe, lora, full-finetune, contrastive)");
            local = null;
        }
        if (remote != null && !remote.asksAnLlm()) {
            node.problem("remote", "'" + remote.name() + "' is " + remote.kind().id() + "; remote must be an llm-* or remote-finetune strategy");
            remote = null;
        }
        double threshold = node.has("threshold") ? node.number("threshold", Double.NaN, 0, 1) : Double.NaN;
        double maxEscalation = node.number("max_escalation", 1, 0, 1);
        if (local == null || remote == null) return null;
        return new CascadeConfig(name, local, remote, threshold, maxEscalation);
    }

    /** The strategy named at key, or null (with a problem and a did-you-mean) when there is none of that name. */
    static StrategyConfig reference(ConfigNode node, String key, Map<String, StrategyConfig> byName) {
        String name = node.string(key, null, true);
        if (name == null || name.isBlank()) return null;
        StrategyConfig strategy = byName.get(name);
        if (strategy == null) {
            node.problem(key, "'" + name + "' is not the name of a strategy in this config" + ConfigNode.suggestion(name, byName.keySet())
                    + " (names: " + String.join(", ", byName.keySet()) + ")");
        }
        return strategy;
    }
}
