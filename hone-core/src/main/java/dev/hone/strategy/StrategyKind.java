package dev.hone.strategy;

import java.util.EnumSet;
import java.util.Set;

/**
 * One route Hone compares, as named by {@code kind:} in the config, declared once: its id, the
 * task it serves and its {@link Trait traits}. The subclasses add how the kind is read, written
 * back, built and loaded ({@link ClassifierKind}, {@link dev.hone.generation.GenerationKind});
 * {@link StrategyKinds} lists every kind.
 */
public abstract class StrategyKind {
    private final String id;
    private final boolean generates;
    private final Set<Trait> traits;

    protected StrategyKind(String id, boolean generates, Set<Trait> traits) {
        if (id == null || !id.matches("[a-z][a-z0-9-]*")) throw new IllegalArgumentException("a kind id is lower-case words joined by '-', got " + id);
        this.id = id;
        this.generates = generates;
        this.traits = traits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(traits));
    }

    /** The name used in config files, candidate folders and results. */
    public final String id() {
        return id;
    }

    /**
     * Names this kind had before: configs, candidate folders and results that still use one of
     * them mean this kind. Only {@link #id()} is written.
     */
    public Set<String> formerIds() {
        return Set.of();
    }

    /** Every trait declared for this kind. */
    public final Set<Trait> traits() {
        return traits;
    }

    public final boolean has(Trait trait) {
        return traits.contains(trait);
    }

    /** No weights are trained: the route costs nothing upfront. */
    public final boolean promptOnly() {
        return has(Trait.PROMPT_ONLY);
    }

    /** Repeats with other seeds vary, unless a config's settings decide otherwise. */
    public final boolean stochastic() {
        return has(Trait.STOCHASTIC);
    }

    /** A route for {@code task.kind: generation} (free-text answers), not for classification. */
    public final boolean generates() {
        return generates;
    }

    /** Whether a task of this kind ({@code generation} true: free-text answers) may use this route. */
    public final boolean serves(boolean generation) {
        return generates == generation || generation && has(Trait.ALSO_GENERATES);
    }

    @Override
    public final String toString() {
        return id;
    }
}
