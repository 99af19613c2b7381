package dev.hone.strategy.contrastive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.ConfigNode;
import dev.hone.config.StrategyContext;
import dev.hone.engine.train.TuningMethod;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateFolder;
import dev.hone.strategy.ClassifierKind;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.Trait;
import dev.hone.strategy.tuned.FineTuneSettings;
import dev.hone.strategy.tuned.TunedCandidate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code contrastive}: SetFit-style pairs tune the encoder, then a head is fitted on the tuned embeddings. */
public final class ContrastiveKind extends ClassifierKind<ContrastiveConfig> {
    public static final ContrastiveKind CONTRASTIVE = new ContrastiveKind();

    private ContrastiveKind() {
        super("contrastive", ContrastiveConfig.class, Set.of(Trait.STOCHASTIC));
    }

    @Override
    public ContrastiveConfig read(ConfigNode node, StrategyContext context) {
        String name = name(node);
        node.rejectUnknownKeys(FineTuneSettings.union(Set.of("name", "kind", "tuning", "pairs_per_example"),
                FineTuneSettings.TRAINING_KEYS, FineTuneSettings.LORA_KEYS));
        String tuning = node.choice("tuning", "lora", List.of("lora", "full"));
        TuningMethod method = "full".equals(tuning) ? TuningMethod.FULL : TuningMethod.LORA;
        return new ContrastiveConfig(name, FineTuneSettings.read(node, ContrastiveConfig.defaults(method), context.seed()),
                node.integer("pairs_per_example", ContrastiveConfig.DEFAULT_PAIRS_PER_EXAMPLE, 1, 1000));
    }

    @Override
    protected void writeSettings(ContrastiveConfig config, ObjectNode node) {
        node.put("tuning", config.tuning().method().name().toLowerCase(Locale.ROOT));
        node.put("pairs_per_example", config.pairsPerExample());
        FineTuneSettings.write(node, config.tuning());
    }

    @Override
    protected Strategy build(ContrastiveConfig config) {
        return new ContrastiveStrategy(config);
    }

    @Override
    public Candidate load(CandidateFolder folder) {
        return TunedCandidate.load(folder);
    }
}
