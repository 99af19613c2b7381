package dev.hone.provider;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of the config's {@code providers:} mapping. The API key itself is never held here:
 * only the name of the environment variable that has it, read when a request is made.
 *
 * @param name                 the key under {@code providers:}, which strategies name with {@code provider:}
 * @param type                 which implementation serves it ({@code openai} covers every OpenAI-compatible server)
 * @param baseUrl              e.g. {@code https://api.openai.com/v1}, {@code http://localhost:11434/v1} (Ollama); null only
 *                             for a provider built from a {@link #chatModel}, which then uses its vendor's address
 * @param model                the model id sent with each request
 * @param apiKeyEnv            environment variable holding the key; empty for servers that need none
 * @param maxConcurrency       requests in flight at once, ≥ 1 (default 8)
 * @param requestsPerMinute    start at most this many requests per minute, ≥ 1 (default 500)
 * @param timeoutSeconds       per-request timeout, ≥ 1 (default 60); a timeout is retried
 * @param maxRetries           retries after the first attempt on 429, 5xx, timeouts and broken answers (default 5)
 * @param usdPerMillionInput   price of a million input tokens (default 0: local or unknown)
 * @param usdPerMillionOutput  price of a million output tokens (default 0)
 * @param usdPerMillionTraining price of a million trained tokens of a fine-tuning job (default 0), the figure
 *                             {@code trained_tokens} of a finished job is multiplied by
 * @param cacheDirectory       where answers are cached (default {@code ~/.cache/hone/llm}); null turns the cache off
 * @param chatModel            for {@code type: langchain4j}: which LangChain4j {@code ChatModel} serves it, an alias
 *                             ({@code anthropic}, {@code gemini}, {@code openai}) or a class name; "" for other types
 * @param settings             for {@code type: langchain4j}: further calls on the chat model's builder, method name →
 *                             value as written (converted to the method's parameter type when the model is built)
 */
public record ProviderConfig(String name, String type, URI baseUrl, String model, String apiKeyEnv, int maxConcurrency,
                             int requestsPerMinute, int timeoutSeconds, int maxRetries, double usdPerMillionInput,
                             double usdPerMillionOutput, double usdPerMillionTraining, Path cacheDirectory,
                             String chatModel, Map<String, String> settings) {
    public static final int DEFAULT_MAX_CONCURRENCY = 8;
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 500;
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;
    public static final int DEFAULT_MAX_RETRIES = 5;

    public ProviderConfig {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("providers: a provider needs a name");
        if (type == null || type.isBlank()) throw new IllegalArgumentException("providers." + name + ".type is required, e.g. openai");
        chatModel = chatModel == null ? "" : chatModel;
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
        if (baseUrl == null && chatModel.isEmpty() || baseUrl != null && (baseUrl.getScheme() == null || !baseUrl.getScheme().startsWith("http"))) {
            throw new IllegalArgumentException("providers." + name + ".base_url must be an http(s) URL such as https://api.openai.com/v1, got "
                    + baseUrl);
        }
        if (model == null || model.isBlank()) throw new IllegalArgumentException("providers." + name + ".model is required, e.g. gpt-4o-mini");
        apiKeyEnv = apiKeyEnv == null ? "" : apiKeyEnv;
        if (maxConcurrency < 1) throw new IllegalArgumentException("providers." + name + ".max_concurrency must be ≥ 1, got " + maxConcurrency);
        if (requestsPerMinute < 1) throw new IllegalArgumentException("providers." + name + ".requests_per_minute must be ≥ 1, got " + requestsPerMinute);
        if (timeoutSeconds < 1) throw new IllegalArgumentException("providers." + name + ".timeout_seconds must be ≥ 1, got " + timeoutSeconds);
        if (maxRetries < 0) throw new IllegalArgumentException("providers." + name + ".max_retries must be ≥ 0, got " + maxRetries);
        if (!(usdPerMillionInput >= 0) || !(usdPerMillionOutput >= 0) || !(usdPerMillionTraining >= 0)) {
            throw new IllegalArgumentException("providers." + name + ": token prices must be ≥ 0");
        }
    }

    /** Settings of a provider that speaks a protocol of its own (no LangChain4j chat model). */
    public ProviderConfig(String name, String type, URI baseUrl, String model, String apiKeyEnv, int maxConcurrency,
                          int requestsPerMinute, int timeoutSeconds, int maxRetries, double usdPerMillionInput,
                          double usdPerMillionOutput, double usdPerMillionTraining, Path cacheDirectory) {
        this(name, type, baseUrl, model, apiKeyEnv, maxConcurrency, requestsPerMinute, timeoutSeconds, maxRetries,
                usdPerMillionInput, usdPerMillionOutput, usdPerMillionTraining, cacheDirectory, "", Map.of());
    }

    /** Settings of a provider that is not used for fine-tuning (no training price). */
    public ProviderConfig(String name, String type, URI baseUrl, String model, String apiKeyEnv, int maxConcurrency,
                          int requestsPerMinute, int timeoutSeconds, int maxRetries, double usdPerMillionInput,
                          double usdPerMillionOutput, Path cacheDirectory) {
        this(name, type, baseUrl, model, apiKeyEnv, maxConcurrency, requestsPerMinute, timeoutSeconds, maxRetries,
                usdPerMillionInput, usdPerMillionOutput, 0, cacheDirectory);
    }

    /** The default cache: shared by every run of this user, so a re-run of any config costs nothing. */
    public static Path defaultCacheDirectory() {
        return Path.of(System.getProperty("user.home"), ".cache", "hone", "llm");
    }

    /** A copy caching in directory instead (null: no cache). */
    public ProviderConfig withCacheDirectory(Path directory) {
        return new ProviderConfig(name, type, baseUrl, model, apiKeyEnv, maxConcurrency, requestsPerMinute, timeoutSeconds,
                maxRetries, usdPerMillionInput, usdPerMillionOutput, usdPerMillionTraining, directory, chatModel, settings);
    }

    /** A copy sending requests to another model on the same server (a fine-tuned {@code ft:} model). */
    public ProviderConfig withModel(String otherModel) {
        return new ProviderConfig(name, type, baseUrl, otherModel, apiKeyEnv, maxConcurrency, requestsPerMinute, timeoutSeconds,
                maxRetries, usdPerMillionInput, usdPerMillionOutput, usdPerMillionTraining, cacheDirectory, chatModel, settings);
    }

    /** The address requests go to, for messages: base_url, or the chat model's vendor default when none is set. */
    public String where() {
        return baseUrl != null ? baseUrl.toString() : chatModel + "'s default address";
    }

    /**
     * The key from {@link #apiKeyEnv}, or "" when none is configured. A configured but unset
     * variable is an error naming the variable (never a value).
     */
    public String apiKey() {
        if (apiKeyEnv.isEmpty()) return "";
        String key = System.getenv(apiKeyEnv);
        if (key == null || key.isBlank()) {
            throw new ProviderException("provider '" + name + "': environment variable " + apiKeyEnv
                    + " is not set; export it with your API key (or remove api_key_env for servers that need no key)");
        }
        return key;
    }
}
