package dev.hone.providers.openai;

import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.ProviderFactory;

/** Serves {@code type: openai}: any server speaking the OpenAI chat-completions protocol. */
public final class OpenAiProviderFactory implements ProviderFactory {
    @Override
    public String type() {
        return "openai";
    }

    @Override
    public Provider create(ProviderConfig config) {
        return new OpenAiProvider(config);
    }
}
