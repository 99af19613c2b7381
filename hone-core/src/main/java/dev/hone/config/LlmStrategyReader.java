package dev.hone.config;

import dev.hone.provider.ProviderConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads an {@code llm-*} strategy entry: which provider, templates, and the kind's own settings. */
final class LlmStrategyReader {
    private static final Set<String> COMMON = Set.of("name", "kind", "provider", "system", "user", "demonstration",
            "temperature", "max_tokens");

    private LlmStrategyReader() {
    }

    static LlmConfig read(ConfigNode node, String name, StrategyKind kind, Map<String, ProviderConfig> providers) {
        Set<String> known = new HashSet<>(COMMON);
        if (kind == StrategyKind.LLM_FEW_SHOT) known.addAll(Set.of("k", "select"));
        if (kind == StrategyKind.LLM_SELF_CONSISTENCY) known.add("samples");
        node.rejectUnknownKeys(known);
        boolean reasons = kind == StrategyKind.LLM_COT || kind == StrategyKind.LLM_SELF_CONSISTENCY;
        ProviderConfig provider = provider(node, "provider", providers);
        boolean sampled = kind == StrategyKind.LLM_SELF_CONSISTENCY;
        double temperature = node.number("temperature", sampled ? LlmConfig.DEFAULT_SAMPLING_TEMPERATURE : 0, 0, 2);
        if (sampled && temperature == 0) {
            reportAt(node, "temperature", "must be > 0 for llm-self-consistency (identical samples would make the vote pointless)");
        }
        String system = node.string("system", reasons ? LlmConfig.DEFAULT_REASONING_SYSTEM : LlmConfig.DEFAULT_SYSTEM, false);
        String user = node.string("user", LlmConfig.DEFAULT_USER, false);
        if (user != null && !user.contains("{text}")) reportAt(node, "user", "must contain {text}, where the text to classify goes");
        String demonstration = node.string("demonstration",
                reasons ? LlmConfig.DEFAULT_REASONING_DEMONSTRATION : LlmConfig.DEFAULT_DEMONSTRATION, false);
        if (demonstration != null && !demonstration.contains("{label}")) {
            reportAt(node, "demonstration", "must contain {label} (the demonstration's answer)");
        }
        int k = node.integer("k", kind == StrategyKind.LLM_FEW_SHOT ? LlmConfig.DEFAULT_K : 0, 1, 200);
        String select = node.choice("select", "random", List.of("random", "similar"));
        int samples = node.integer("samples", sampled ? LlmConfig.DEFAULT_SAMPLES : 1, 1, 64);
        int maxTokens = node.integer("max_tokens", reasons ? 400 : 16, 1, 100_000);
        if (provider == null) return null;
        return new LlmConfig(name, kind, provider, system, user, demonstration, k, select, samples, temperature, maxTokens);
    }

    /**
     * The provider named at {@code key} (required), or null with a problem saying how to define it
     * or which names are defined.
     */
    static ProviderConfig provider(ConfigNode node, String key, Map<String, ProviderConfig> providers) {
        String providerName = node.string(key, null, true);
        if (providerName == null || providerName.isBlank()) return null;
        ProviderConfig provider = providers.get(providerName);
        if (provider == null) {
            String problem = providers.isEmpty()
                    ? "'" + providerName + "' is not defined: add a providers: section, e.g. providers: {" + providerName
                      + ": {type: openai, base_url: \"https://api.openai.com/v1\", model: gpt-4o-mini, api_key_env: OPENAI_API_KEY}}"
                    : "'" + providerName + "' is not under providers:" + ConfigNode.suggestion(providerName, providers.keySet())
                      + " (defined: " + String.join(", ", providers.keySet()) + ")";
            reportAt(node, key, problem);
        }
        return provider;
    }

    private static void reportAt(ConfigNode node, String key, String message) {
        // ConfigNode records problems through its typed getters; a problem found here goes the same way.
        node.problem(key, message);
    }
}
