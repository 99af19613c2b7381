package dev.hone.provider;

/**
 * Service-provider interface: builds the {@link Provider} for one {@code type:} (such as
 * {@code openai}). Implementations are listed in {@code META-INF/services/dev.hone.provider.ProviderFactory}.
 */
public interface ProviderFactory {

    /** The {@code type:} value this factory serves. */
    String type();

    Provider create(ProviderConfig config);

    /**
     * Whether the providers this factory builds are {@link LikelihoodScorer}s too, known before one
     * is built, so a config asking for likelihood of a type that cannot give it is refused when read.
     */
    default boolean scoresLikelihood() {
        return false;
    }

    /**
     * Whether its providers answer with a model running in this process, on this machine's cores:
     * their answers then cost CPU time at the run's {@code cpu_hour_usd}, like an encoder's, not tokens.
     */
    default boolean runsInProcess() {
        return false;
    }
}
