package dev.hone.provider;

/**
 * Service-provider interface: builds the {@link Provider} for one {@code type:} (such as
 * {@code openai}). Implementations are listed in {@code META-INF/services/dev.hone.provider.ProviderFactory}.
 */
public interface ProviderFactory {

    /** The {@code type:} value this factory serves. */
    String type();

    Provider create(ProviderConfig config);
}
