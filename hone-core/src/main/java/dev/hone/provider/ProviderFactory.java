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
}
