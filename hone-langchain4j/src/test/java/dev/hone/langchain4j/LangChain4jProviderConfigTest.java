package dev.hone.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.config.ConfigLoader;
import dev.hone.config.HoneConfig;
import dev.hone.error.BadInputException;
import dev.hone.provider.ProviderConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code type: langchain4j} in a config: the README's examples read, and every mistake is a problem naming its key. */
class LangChain4jProviderConfigTest {
    @TempDir
    Path directory;

    private Path write(String providers) throws Exception {
        Path file = directory.resolve("hone.yaml");
        Files.writeString(file, """
                task: {name: t}
                dataset: {train: train.jsonl, test: test.jsonl}
                strategies:
                  - {name: zs, kind: zero-shot}
                """ + providers);
        return file;
    }

    @Test
    void readsTheReadmeExamplesWithTheVendorsOwnAddress() throws Exception {
        HoneConfig config = ConfigLoader.load(write("""
                providers:
                  claude: {type: langchain4j, chat_model: anthropic, model: claude-3-5-haiku-latest, api_key_env: ANTHROPIC_API_KEY,
                           settings: {maxTokens: 512}, usd_per_million_input_tokens: 0.80, usd_per_million_output_tokens: 4.0}
                  gemini: {type: langchain4j, chat_model: gemini, model: gemini-2.0-flash, api_key_env: GEMINI_API_KEY,
                           settings: {topK: 40}, usd_per_million_input_tokens: 0.10, usd_per_million_output_tokens: 0.40}
                  proxy: {type: langchain4j, chat_model: dev.langchain4j.model.anthropic.AnthropicChatModel, model: m,
                          base_url: "http://localhost:8080/v1/", timeout_seconds: 5}
                """), List.of());

        ProviderConfig claude = config.providers().get("claude");
        assertThat(claude.chatModel()).isEqualTo("anthropic");
        assertThat(claude.baseUrl()).as("the vendor's default").isNull();
        assertThat(claude.settings()).isEqualTo(Map.of("maxTokens", "512"));
        assertThat(config.providers().get("gemini").settings()).isEqualTo(Map.of("topK", "40"));
        assertThat(config.providers().get("gemini").apiKeyEnv()).isEqualTo("GEMINI_API_KEY");
        assertThat(config.providers().get("proxy").baseUrl()).isEqualTo(URI.create("http://localhost:8080/v1/"));
        var resolved = config.resolved().path("providers");
        assertThat(resolved.path("claude").path("chat_model").asText()).isEqualTo("anthropic");
        assertThat(resolved.path("claude").path("settings").path("maxTokens").asText()).isEqualTo("512");
        assertThat(resolved.path("claude").has("base_url")).isFalse();
    }

    @Test
    void reportsEveryProblemNamingItsKey() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(write("""
                providers:
                  a: {type: langchain4j, chat_model: antropic, model: m}
                  b: {type: langchain4j, chat_model: anthropic, model: m, settings: {maxToken: 5, topK: many, apiKey: sk-secret-789}}
                  c: {type: langchain4j, model: m, api_key: sk-secret-123}
                  d: {type: langchain4j, chat_model: openai, model: gpt-4o-mini}
                  e: {type: langchain4j, chat_model: java.lang.String, model: m, settings: {timeout: 5, nested: {x: 1}}}
                  f: {type: openai, chat_model: anthropic, model: m}
                """), List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("providers.a.chat_model: 'antropic' is neither an alias (anthropic, gemini, openai)")
                .hasMessageContaining("did you mean 'anthropic'?")
                .hasMessageContaining("providers.b.settings.maxToken: is not a method of dev.langchain4j.model.anthropic.AnthropicChatModel$")
                .hasMessageContaining("did you mean 'maxTokens'? (its settings: ")
                .hasMessageContaining("maxTokens, ")
                .hasMessageContaining("providers.b.settings.topK: cannot be 'many': topK takes [Integer]")
                .hasMessageContaining("providers.b.settings.apiKey: keys must not be written in the config")
                .hasMessageContaining("providers.c.api_key: keys must not be written in the config")
                .hasMessageContaining("providers.c.chat_model: is required for type: langchain4j")
                .hasMessageContaining("providers.d.chat_model: 'openai' needs dev.langchain4j:langchain4j-open-ai on the class path")
                .hasMessageContaining("providers.e.chat_model: java.lang.String")
                .hasMessageContaining("providers.e.settings.nested: must be a string, number or true/false")
                .hasMessageContaining("providers.f.chat_model: applies to type: langchain4j only")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-secret"));
    }
}
