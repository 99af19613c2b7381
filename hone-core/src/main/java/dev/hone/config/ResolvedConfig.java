package dev.hone.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a config back out with every default filled in: what actually ran, saved with results. */
final class ResolvedConfig {
    private ResolvedConfig() {
    }

    static JsonNode toTree(HoneConfig config, ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.putObject("task").put("name", config.task().name()).put("kind", config.task().kind());
        if (config.setup() instanceof RetrievalConfig retrieval) putRetrieval(root.putObject("retrieval"), retrieval);
        ClassificationSetup classification = config.setup() instanceof ClassificationSetup c ? c : null;
        if (classification != null) {
            ObjectNode dataset = root.putObject("dataset");
            DatasetConfig d = classification.dataset();
            dataset.put("train", String.valueOf(d.train()));
            if (d.test() != null) dataset.put("test", d.test().toString());
            else dataset.put("test_fraction", d.testFraction());
            dataset.put("text_field", d.textField()).put("label_field", d.labelField()).put("validation_fraction", d.validationFraction());
            ObjectNode labels = root.putObject("labels");
            classification.labels().forEach(labels::put);
        }
        root.put("model", config.model());
        if (classification != null) {
            ArrayNode strategies = root.putArray("strategies");
            for (StrategyConfig s : classification.strategies()) {
                s.kind().writeSettingsOf(s, strategies.addObject().put("name", s.name()).put("kind", s.kind().id()));
            }
        }
        root.putObject("evaluation").put("repeats", config.evaluation().repeats()).put("seed", config.evaluation().seed())
                .put("latency_samples", config.evaluation().latencySamples());
        if (!config.evaluation().curve().isEmpty()) {
            ArrayNode curve = ((ObjectNode) root.get("evaluation")).putArray("curve");
            config.evaluation().curve().forEach(curve::add);
        }
        if (classification != null) {
            ((ObjectNode) root.get("evaluation")).put("selection", config.evaluation().selection().id())
                    .put("folds", config.evaluation().folds()).put("cv_repeats", config.evaluation().crossValidationRepeats());
        }
        DecisionConfig decision = config.decision();
        root.putObject("decision").put("monthly_requests", decision.monthlyRequests())
                .put("accuracy_floor", decision.accuracyFloor()).put("latency_budget_ms", decision.latencyBudgetMs())
                .put("cpu_hour_usd", decision.cpuHourUsd()).put("budget_per_month", decision.budgetPerMonth())
                .put("tie_margin", decision.tieMargin());
        if (!config.providers().isEmpty()) putProviders(root.putObject("providers"), config);
        return root;
    }

    private static void putRetrieval(ObjectNode node, RetrievalConfig r) {
        node.put("documents", r.documents().toString()).put("queries", r.queries().toString()).put("k", r.k())
                .put("chunk_tokens", r.chunkTokens()).put("overlap", r.overlap());
        ArrayNode modes = node.putArray("modes");
        r.modes().forEach(modes::add);
    }

    /** Provider settings as they ran; only the key's variable name appears, never a key. */
    private static void putProviders(ObjectNode providers, HoneConfig config) {
        config.providers().forEach((name, p) -> {
            ObjectNode node = providers.putObject(name).put("type", p.type());
            if (p.baseUrl() != null) node.put("base_url", p.baseUrl().toString());
            node.put("model", p.model()).put("api_key_env", p.apiKeyEnv()).put("max_concurrency", p.maxConcurrency())
                    .put("requests_per_minute", p.requestsPerMinute()).put("timeout_seconds", p.timeoutSeconds())
                    .put("max_retries", p.maxRetries()).put("usd_per_million_input_tokens", p.usdPerMillionInput())
                    .put("usd_per_million_output_tokens", p.usdPerMillionOutput())
                    .put("usd_per_million_training_tokens", p.usdPerMillionTraining())
                    .put("cache", p.cacheDirectory() != null);
            if (p.cacheDirectory() != null) node.put("cache_dir", p.cacheDirectory().toString());
            if (!p.chatModel().isEmpty()) node.put("chat_model", p.chatModel());
            if (!p.settings().isEmpty()) p.settings().forEach(node.putObject("settings")::put);
        });
    }
}
