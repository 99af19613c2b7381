package dev.hone.strategy.cascade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.ConfigNode;
import dev.hone.config.StrategyConfig;
import dev.hone.config.StrategyContext;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateFolder;
import dev.hone.strategy.ClassifierKind;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.StrategyKinds;
import dev.hone.strategy.Trait;
import dev.hone.strategy.distill.DistillConfig;
import dev.hone.strategy.llm.LlmKind;
import java.util.Set;

/**
 * {@code cascade}: an in-process candidate that escalates unsure texts to an LLM candidate; it
 * trains whatever its local part trains. It names two other strategies, so its entry is read after
 * the others.
 */
public final class CascadeKind extends ClassifierKind<CascadeConfig> {
    public static final CascadeKind CASCADE = new CascadeKind();

    private CascadeKind() {
        super("cascade", CascadeConfig.class, Set.of(Trait.NAMES_OTHER_STRATEGIES, Trait.ESCALATES));
    }

    @Override
    public CascadeConfig read(ConfigNode node, StrategyContext context) {
        node.rejectUnknownKeys(Set.of("name", "kind", "local", "remote", "threshold", "max_escalation"));
        String name = name(node);
        StrategyConfig local = context.strategy(node, "local");
        StrategyConfig remote = context.strategy(node, "remote");
        if (local != null && (local.asksAnLlm() || local instanceof CascadeConfig || local instanceof DistillConfig)) {
            node.problem("local", "'" + local.name() + "' is " + local.kind().id() + "; local must be an in-process strategy "
                    + "(zero-shot, few-shot, linear-probe, lora, full-finetune, contrastive)");
            local = null;
        }
        if (remote != null && !remote.asksAnLlm()) {
            node.problem("remote", "'" + remote.name() + "' is " + remote.kind().id() + "; remote must be an llm-* strategy (llm-finetune included)");
            remote = null;
        }
        double threshold = node.has("threshold") ? node.number("threshold", Double.NaN, 0, 1) : Double.NaN;
        double maxEscalation = node.number("max_escalation", 1, 0, 1);
        if (local == null || remote == null) return null;
        return new CascadeConfig(name, local, remote, threshold, maxEscalation);
    }

    @Override
    protected void writeSettings(CascadeConfig config, ObjectNode node) {
        node.put("local", config.local().name()).put("remote", config.remote().name()).put("max_escalation", config.maxEscalation());
        if (Double.isNaN(config.threshold())) node.put("threshold", "chosen on validation");
        else node.put("threshold", config.threshold());
    }

    @Override
    protected Strategy build(CascadeConfig config) {
        return new CascadeStrategy(config);
    }

    /** Both parts from their subfolders; {@code cascade.json} has the threshold and the local part's kind. */
    @Override
    public Candidate load(CandidateFolder folder) {
        JsonNode cascade = folder.json("cascade.json", "the cascade candidate folder is incomplete");
        ClassifierKind<?> localKind = StrategyKinds.classifier(cascade.path("local_kind").asText());
        return new CascadeCandidate(folder.load("local", localKind), localKind,
                LlmKind.loadSaved(folder.in("remote")), cascade.path("threshold").asDouble());
    }
}
