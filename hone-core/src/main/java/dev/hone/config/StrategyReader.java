package dev.hone.config;

import dev.hone.strategy.StrategyKinds;

/**
 * Reads one {@code strategies[i]} entry of a classification run: checks its {@code kind}, then
 * leaves the rest to that kind's registration.
 */
final class StrategyReader {
    private StrategyReader() {
    }

    static StrategyConfig read(ConfigNode node, StrategyContext context) {
        if (node.has("kind") && StrategyKinds.find(node.raw("kind").asText()).filter(k -> !k.serves(false)).isPresent()) {
            node.problem("kind", "'" + node.raw("kind").asText() + "' is a generation strategy; set task.kind: generation to use it"
                    + " (a classification run takes " + String.join(", ", StrategyKinds.idsFor(false)) + ")");
            return null;
        }
        // A former name (remote-finetune) still reads as its kind; messages list only today's names.
        String written = node.has("kind") && node.raw("kind").isTextual() ? node.raw("kind").asText() : null;
        String kindId = written != null && StrategyKinds.find(written).isPresent() ? StrategyKinds.find(written).get().id()
                : node.choice("kind", null, StrategyKinds.ids());
        if (!node.has("kind")) node.string("kind", null, true);
        if (kindId == null) {
            node.string("name", "strategy", false);
            return null;
        }
        return StrategyKinds.classifier(kindId).read(node, context);
    }
}
