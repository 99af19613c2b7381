package dev.hone.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.ConfigNode;
import dev.hone.config.StrategyConfig;
import dev.hone.config.StrategyContext;
import java.util.Set;

/**
 * A classification route: besides its id and traits, how its {@code strategies[i]} entry is read
 * and written back with every default filled in, how its config becomes a {@link Strategy}, and
 * how a saved candidate of this kind is rebuilt. Kinds are singletons, compared by identity.
 *
 * @param <C> the kind's config record
 */
public abstract class ClassifierKind<C extends StrategyConfig> extends StrategyKind {
    private final Class<C> configType;

    protected ClassifierKind(String id, Class<C> configType, Set<Trait> traits) {
        super(id, false, traits);
        this.configType = configType;
    }

    /**
     * Reads the entry (its {@code kind} is this one), recording every problem on the node; null when
     * there were problems that leave no config to build.
     */
    public abstract C read(ConfigNode node, StrategyContext context);

    /** Puts the kind's settings, defaults included, into the resolved entry (name and kind are already there). */
    protected abstract void writeSettings(C config, ObjectNode node);

    protected abstract Strategy build(C config);

    /** Rebuilds a candidate of this kind that {@link Candidate#save} wrote into the folder. */
    public abstract Candidate load(CandidateFolder folder);

    /**
     * What keeps {@code config} from training when the smallest class has {@code smallest} training
     * examples (after the validation split, or in each cross-validation fold); null when nothing does.
     */
    protected Shortfall shortfall(C config, int smallest) {
        return null;
    }

    /**
     * Reads now whatever building would read only later (a file the entry names), so bad input
     * stops the run, with its file and line, before the first candidate trains.
     */
    protected void checkInputs(C config) {
    }

    /** {@link #shortfall} of {@code config}, which must be of this kind. */
    public final Shortfall shortfallOf(StrategyConfig config, int smallest) {
        return shortfall(configType.cast(config), smallest);
    }

    /** {@link #checkInputs} of {@code config}, which must be of this kind. */
    public final void checkInputsOf(StrategyConfig config) {
        checkInputs(configType.cast(config));
    }

    /** The settings of {@code config}, which must be of this kind, into the resolved entry. */
    public final void writeSettingsOf(StrategyConfig config, ObjectNode node) {
        writeSettings(configType.cast(config), node);
    }

    /** The strategy for {@code config}, which must be of this kind. */
    public final Strategy strategyFor(StrategyConfig config) {
        return build(configType.cast(config));
    }

    /** The entry's {@code name}, by default the kind's id. */
    protected final String name(ConfigNode node) {
        return node.string("name", id(), false);
    }
}
