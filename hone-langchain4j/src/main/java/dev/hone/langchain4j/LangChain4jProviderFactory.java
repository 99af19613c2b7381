package dev.hone.langchain4j;

import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.ProviderFactory;
import java.util.Map;

/**
 * Serves {@code type: langchain4j}: a LangChain4j {@code ChatModel} named by {@code chat_model} (an
 * alias such as {@code anthropic} or {@code gemini}, or a class name), built from the provider's
 * settings, with Hone's cache, limits and retries around it.
 */
public final class LangChain4jProviderFactory implements ProviderFactory {
    @Override
    public String type() {
        return "langchain4j";
    }

    @Override
    public Provider create(ProviderConfig config) {
        return new LangChain4jProvider(config);
    }

    @Override
    public Map<String, String> problems(ProviderConfig config) {
        return ChatModelBuilder.problems(config);
    }
}
