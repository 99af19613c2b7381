package dev.hone.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.error.BadInputException;
import dev.hone.provider.ProviderConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderConfigReaderTest {
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
    void readsTheIssueExampleWithDefaults() throws Exception {
        HoneConfig config = ConfigLoader.load(write("""
                providers:
                  teacher: {type: openai, base_url: "https://api.openai.com/v1", model: gpt-4o-mini, api_key_env: OPENAI_API_KEY,
                            max_concurrency: 8, requests_per_minute: 500, timeout_seconds: 60, usd_per_million_input_tokens: 0.15}
                  local: {base_url: "http://localhost:11434/v1", model: "llama3.2:3b", cache: false}
                  mine: {model: m, cache_dir: llm-cache}
                """), List.of());
        ProviderConfig teacher = config.providers().get("teacher");
        assertThat(teacher.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(teacher.apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
        assertThat(teacher.usdPerMillionInput()).isEqualTo(0.15);
        assertThat(teacher.usdPerMillionOutput()).isZero();
        assertThat(teacher.maxRetries()).isEqualTo(ProviderConfig.DEFAULT_MAX_RETRIES);
        assertThat(teacher.cacheDirectory()).isEqualTo(ProviderConfig.defaultCacheDirectory());
        ProviderConfig local = config.providers().get("local");
        assertThat(local.type()).isEqualTo("openai");
        assertThat(local.apiKeyEnv()).isEmpty();
        assertThat(local.cacheDirectory()).isNull();
        assertThat(config.providers().get("mine").cacheDirectory()).isEqualTo(directory.resolve("llm-cache"));
        assertThat(config.resolved().path("providers").path("teacher").path("api_key_env").asText()).isEqualTo("OPENAI_API_KEY");
        assertThat(config.providers().keySet()).containsExactly("teacher", "local", "mine");
    }

    @Test
    void aLocalModelFolderIsReadFromTheConfigsFolder() throws Exception {
        HoneConfig config = ConfigLoader.load(write("""
                providers:
                  qwen: {type: local, model: models/qwen}
                  other: {type: openai, model: models/qwen}
                """), List.of());

        assertThat(config.providers().get("qwen").model()).isEqualTo(directory.resolve("models/qwen").toString());
        assertThat(config.providers().get("other").model()).isEqualTo("models/qwen");
    }

    @Test
    void reportsEveryProblemAtOnceAndNeverEchoesAKey() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(write("""
                providers:
                  teacher: {base_url: "ftp://example.com", api_key: sk-secret-123, modle: gpt-4o-mini, max_concurrency: 0}
                  other: {model: m, api_key_env: sk-secret-456}
                  broken: 3
                """), List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("providers.teacher.base_url: must be an http(s) URL")
                .hasMessageContaining("providers.teacher.api_key: keys must not be written in the config")
                .hasMessageContaining("providers.teacher.modle: unknown key, did you mean 'model'?")
                .hasMessageContaining("providers.teacher.model: is required")
                .hasMessageContaining("providers.teacher.max_concurrency: must be within [1, 1024], got 0")
                .hasMessageContaining("providers.other.api_key_env: must be the NAME of an environment variable")
                .hasMessageContaining("providers.broken: must be a mapping")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-secret-123").doesNotContain("sk-secret-456"));
    }
}
