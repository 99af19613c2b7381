package dev.hone.strategy.finetune;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.ConfigNode;
import dev.hone.config.StrategyContext;
import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.TuningMethod;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateFolder;
import dev.hone.strategy.ClassifierKind;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.Trait;
import dev.hone.strategy.tuned.FineTuneSettings;
import dev.hone.strategy.tuned.TunedCandidate;
import java.util.Set;

/** The in-process fine-tuning routes: a linear probe (head only), LoRA adapters, or every weight. */
public final class FineTuneKind extends ClassifierKind<FineTuneConfig> {
    public static final FineTuneKind LINEAR_PROBE = new FineTuneKind("linear-probe", TuningMethod.HEAD, Set.of(),
            Set.of("name", "kind", "head_learning_rate", "weight_decay"));
    public static final FineTuneKind LORA = new FineTuneKind("lora", TuningMethod.LORA, Set.of(Trait.STOCHASTIC),
            FineTuneSettings.union(Set.of("name", "kind"), FineTuneSettings.TRAINING_KEYS, FineTuneSettings.LORA_KEYS));
    public static final FineTuneKind FULL_FINETUNE = new FineTuneKind("full-finetune", TuningMethod.FULL, Set.of(Trait.STOCHASTIC),
            FineTuneSettings.union(Set.of("name", "kind"), FineTuneSettings.TRAINING_KEYS));

    private final TuningMethod method;
    private final Set<String> keys;

    private FineTuneKind(String id, TuningMethod method, Set<Trait> traits, Set<String> keys) {
        super(id, FineTuneConfig.class, traits);
        this.method = method;
        this.keys = keys;
    }

    /** The kind that trains with this method (a distilled student is the LoRA or full candidate it is). */
    public static FineTuneKind of(TuningMethod method) {
        return switch (method) {
            case HEAD -> LINEAR_PROBE;
            case LORA -> LORA;
            case FULL -> FULL_FINETUNE;
        };
    }

    public TuningMethod method() {
        return method;
    }

    @Override
    public FineTuneConfig read(ConfigNode node, StrategyContext context) {
        String name = name(node);
        node.rejectUnknownKeys(keys);
        return new FineTuneConfig(name, this, FineTuneSettings.read(node, FineTuneOptions.defaults(method), context.seed()));
    }

    @Override
    protected void writeSettings(FineTuneConfig config, ObjectNode node) {
        FineTuneSettings.write(node, config.options());
    }

    @Override
    protected Strategy build(FineTuneConfig config) {
        return new FineTuneStrategy(config);
    }

    @Override
    public Candidate load(CandidateFolder folder) {
        return TunedCandidate.load(folder);
    }
}
