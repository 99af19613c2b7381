package dev.hone.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.provider.ProviderConfig;
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
            "usd_per_million_output_tokens", "usd_per_million_training_tokens", "cache", "cache_dir");

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
            String baseUrl = node.string("base_url", "https://api.openai.com/v1", false);
            URI uri = null;
            try {
                uri = new URI(baseUrl);
                if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                    problems.add(node.child("base_url"), "must be an http(s) URL such as https://api.openai.com/v1 or http://localhost:11434/v1, got '"
                            + baseUrl + "'");
                    uri = null;
                }
            } catch (URISyntaxException e) {
                problems.add(node.child("base_url"), "is not a URL (" + e.getReason() + "), got '" + baseUrl + "'");
            }
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
            if (uri != null && model != null && !model.isBlank()) {
                providers.put(name, new ProviderConfig(name, type, uri, model, keyEnv, concurrency, rpm, timeout, retries,
                        priceIn, priceOut, priceTraining, cacheDirectory));
            }
        }
        return providers;
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
