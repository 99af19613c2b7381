package dev.hone.provider;

import java.util.Map;

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

    /**
     * Problems with config that this type sees before any request is made (a class that is not on the
     * class path, a setting its builder lacks): the key under the provider each is about (such as
     * {@code chat_model} or {@code settings.maxTokens}) → what is wrong and how to fix it. The default sees none.
     */
    default Map<String, String> problems(ProviderConfig config) {
        return Map.of();
    }
}
