package dev.hone.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.Providers;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code providers:} mapping (name → settings). Problems are collected like every other
 * section; a key value pasted into the config is refused without ever being echoed.
 */
final class ProviderReader {
    private static final Set<String> KEYS = Set.of("type", "base_url", "model", "api_key_env", "max_concurrency",
            "requests_per_minute", "timeout_seconds", "max_retries", "usd_per_million_input_tokens",
            "usd_per_million_output_tokens", "usd_per_million_training_tokens", "cache", "cache_dir", "chat_model", "settings");
    /** The type whose providers are LangChain4j chat models, built from chat_model and settings. */
    private static final String LANGCHAIN4J = "langchain4j";

    private ProviderReader() {
    }

    static Map<String, ProviderConfig> read(ConfigNode top, Path baseDirectory, Problems problems) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        ConfigNode section = top.object("providers", false);
        if (section == null) return providers;
        JsonNode raw = top.raw("providers");
        for (Map.Entry<String, JsonNode> entry : raw.properties()) {
            String name = entry.getKey();
            ConfigNode node = section.object(name, true);
            if (node == null) continue;
            if (node.has("api_key") || node.has("key")) {
                // Never quote the value: it is a secret that should not be in a config file at all.
                problems.add(node.child(node.has("api_key") ? "api_key" : "key"),
                        "keys must not be written in the config; put it in an environment variable and name it with api_key_env");
            }
            node.rejectUnknownKeys(keysWithSecretsTolerated(node));
            String type = node.string("type", "openai", false);
            // A LangChain4j chat model knows its vendor's address; only other types fall back to OpenAI's.
            String baseUrl = node.string("base_url", LANGCHAIN4J.equals(type) ? null : "https://api.openai.com/v1", false);
            URI uri = baseUrl == null ? null : url(node, baseUrl, problems);
            String model = node.string("model", null, true);
            // A local model is a folder; like every other path in the config, it is read from the config's folder.
            if ("local".equals(type) && model != null && !model.isBlank()) model = baseDirectory.resolve(model).normalize().toString();
            String keyEnv = node.string("api_key_env", "", false);
            if (!keyEnv.isEmpty() && !keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add(node.child("api_key_env"), "must be the NAME of an environment variable such as OPENAI_API_KEY, not the key itself");
                keyEnv = "";
            }
            int concurrency = node.integer("max_concurrency", ProviderConfig.DEFAULT_MAX_CONCURRENCY, 1, 1024);
            int rpm = node.integer("requests_per_minute", ProviderConfig.DEFAULT_REQUESTS_PER_MINUTE, 1, 1_000_000);
            int timeout = node.integer("timeout_seconds", ProviderConfig.DEFAULT_TIMEOUT_SECONDS, 1, 3600);
            int retries = node.integer("max_retries", ProviderConfig.DEFAULT_MAX_RETRIES, 0, 20);
            double priceIn = node.number("usd_per_million_input_tokens", 0, 0, 1e6);
            double priceOut = node.number("usd_per_million_output_tokens", 0, 0, 1e6);
            double priceTraining = node.number("usd_per_million_training_tokens", 0, 0, 1e6);
            boolean cache = flag(node, "cache", problems);
            String cacheDir = node.string("cache_dir", null, false);
            Path cacheDirectory = !cache ? null
                    : cacheDir == null ? ProviderConfig.defaultCacheDirectory() : baseDirectory.resolve(cacheDir).normalize();
            String chatModel = node.string("chat_model", "", false);
            Map<String, String> settings = settings(node, problems);
            if (LANGCHAIN4J.equals(type) && chatModel.isBlank()) {
                problems.add(node.child("chat_model"), "is required for type: langchain4j: anthropic, gemini, openai or the class name of a"
                        + " LangChain4j ChatModel with a static builder(), e.g. chat_model: anthropic");
            } else if (!LANGCHAIN4J.equals(type) && (!chatModel.isEmpty() || !settings.isEmpty())) {
                problems.add(node.child(chatModel.isEmpty() ? "settings" : "chat_model"), "applies to type: langchain4j only, this provider's type is "
                        + type);
            }
            boolean complete = LANGCHAIN4J.equals(type) ? !chatModel.isBlank() && (baseUrl == null || uri != null) : uri != null;
            if (complete && model != null && !model.isBlank()) {
                ProviderConfig config = new ProviderConfig(name, type, uri, model, keyEnv, concurrency, rpm, timeout, retries,
                        priceIn, priceOut, priceTraining, cacheDirectory, chatModel, settings);
                // What only the type's implementation can check (a chat model's class and builder) is checked now, not at the first request.
                Providers.problems(config).forEach((key, message) -> problems.add(node.child(key), message));
                providers.put(name, config);
            }
        }
        return providers;
    }

    /** base_url as an http(s) URL, or null with a problem. */
    private static URI url(ConfigNode node, String baseUrl, Problems problems) {
        try {
            URI uri = new URI(baseUrl);
            if (uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null) return uri;
            problems.add(node.child("base_url"), "must be an http(s) URL such as https://api.openai.com/v1 or http://localhost:11434/v1, got '"
                    + baseUrl + "'");
        } catch (URISyntaxException e) {
            problems.add(node.child("base_url"), "is not a URL (" + e.getReason() + "), got '" + baseUrl + "'");
        }
        return null;
    }

    /** settings: a mapping of builder method names to scalar values, kept as written. */
    private static Map<String, String> settings(ConfigNode node, Problems problems) {
        Map<String, String> settings = new LinkedHashMap<>();
        ConfigNode section = node.object("settings", false);
        if (section == null) return settings;
        for (Map.Entry<String, JsonNode> entry : node.raw("settings").properties()) {
            JsonNode value = entry.getValue();
            if (value.isValueNode() && !value.isNull()) {
                settings.put(entry.getKey(), value.asText());
            } else {
                problems.add(section.child(entry.getKey()), "must be a string, number or true/false (one builder argument), got "
                        + ConfigNode.describe(value));
            }
        }
        return settings;
    }

    /** true/false (YAML booleans or their text); absent means true. */
    private static boolean flag(ConfigNode node, String key, Problems problems) {
        if (!node.has(key)) return true;
        JsonNode value = node.raw(key);
        String text = value.asText();
        if (value.isBoolean() || text.equals("true") || text.equals("false")) return !text.equals("false");
        problems.add(node.child(key), "must be true or false, got " + ConfigNode.describe(value));
        return true;
    }

    private static Set<String> keysWithSecretsTolerated(ConfigNode node) {
        // api_key already has its own message; don't also call it "unknown" (which would list it again).
        Set<String> known = new java.util.HashSet<>(KEYS);
        if (node.has("api_key")) known.add("api_key");
        if (node.has("key")) known.add("key");
        return known;
    }

    /**
     * The provider named at {@code key} (required), or null with a problem saying how to define it
     * or which names are defined.
     */
    static ProviderConfig named(ConfigNode node, String key, Map<String, ProviderConfig> providers) {
        String providerName = node.string(key, null, true);
        if (providerName == null || providerName.isBlank()) return null;
        ProviderConfig provider = providers.get(providerName);
        if (provider == null) {
            String problem = providers.isEmpty()
                    ? "'" + providerName + "' is not defined: add a providers: section, e.g. providers: {" + providerName
                      + ": {type: openai, base_url: \"https://api.openai.com/v1\", model: gpt-4o-mini, api_key_env: OPENAI_API_KEY}}"
                    : "'" + providerName + "' is not under providers:" + ConfigNode.suggestion(providerName, providers.keySet())
                      + " (defined: " + String.join(", ", providers.keySet()) + ")";
            node.problem(key, problem);
        }
        return provider;
    }
}
