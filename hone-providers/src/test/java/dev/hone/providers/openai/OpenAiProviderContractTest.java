package dev.hone.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.Providers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenAiProviderContractTest extends ProviderContractTest {

    static ProviderConfig config(URI baseUrl, String keyEnv, int maxConcurrency, int timeoutSeconds, int maxRetries, Path cache) {
        return new ProviderConfig("teacher", "openai", baseUrl, "test-model", keyEnv, maxConcurrency, 60_000, timeoutSeconds,
                maxRetries, 0.15, 0.60, cache);
    }

    @Override
    Provider provider(URI baseUrl, String keyEnv, int maxConcurrency, Path cache) {
        return new OpenAiProvider(config(baseUrl, keyEnv, maxConcurrency, 10, 2, cache), Duration.ofMillis(5));
    }

    @Test
    void serviceLoaderFindsTheOpenAiType() {
        try (Provider provider = Providers.create(config(server.baseUrl(), KEY_ENV, 1, 10, 0, null))) {
            assertThat(provider).isInstanceOf(OpenAiProvider.class);
            assertThat(provider.chat(ask("found it")).text()).isEqualTo("IT");
        }
    }
}
