package dev.hone.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.train.FineTuneOptions;
import java.util.Locale;

/** Writes a config back out with every default filled in: what actually ran, saved with results. */
final class ResolvedConfig {
    private ResolvedConfig() {
    }

    static JsonNode toTree(HoneConfig config, ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.putObject("task").put("name", config.task().name()).put("kind", config.task().kind());
        if (config.isRetrieval()) putRetrieval(root.putObject("retrieval"), config.retrieval());
        ObjectNode dataset = root.putObject("dataset");
        DatasetConfig d = config.dataset();
        dataset.put("train", String.valueOf(d.train()));
        if (d.test() != null) dataset.put("test", d.test().toString());
        else dataset.put("test_fraction", d.testFraction());
        dataset.put("text_field", d.textField()).put("label_field", d.labelField()).put("validation_fraction", d.validationFraction());
        ObjectNode labels = root.putObject("labels");
        config.labels().forEach(labels::put);
        root.put("model", config.model());
        ArrayNode strategies = root.putArray("strategies");
        for (StrategyConfig s : config.strategies()) {
            ObjectNode node = strategies.addObject().put("name", s.name()).put("kind", s.kind().id());
            switch (s) {
                case ZeroShotConfig z -> node.put("template", z.template());
                case FewShotConfig f -> {
                    // k not set: "up to 8 per class" is decided against the data, so it stays unset here.
                    if (f.k() > 0) node.put("k", f.k());
                    node.put("select", f.select()).put("method", f.method());
                }
                case FineTuneConfig t -> putOptions(node, t.options());
                case RagClassifyConfig r -> {
                    node.put("k", r.k()).put("mode", r.mode()).put("chunk_tokens", r.chunkTokens());
                    if (r.documents() != null) node.put("documents", r.documents().toString());
                }
                case ContrastiveConfig c -> {
                    node.put("tuning", c.tuning().method().name().toLowerCase(Locale.ROOT));
                    node.put("pairs_per_example", c.pairsPerExample());
                    putOptions(node, c.tuning());
                }
                case LlmConfig l -> {
                    node.put("provider", l.provider().name()).put("system", l.systemTemplate()).put("user", l.userTemplate())
                            .put("demonstration", l.demonstrationTemplate()).put("temperature", l.temperature())
                            .put("max_tokens", l.maxTokens());
                    if (l.kind() == StrategyKind.LLM_FEW_SHOT) node.put("k", l.k()).put("select", l.select());
                    if (l.kind() == StrategyKind.LLM_SELF_CONSISTENCY) node.put("samples", l.samples());
                }
                case RemoteFineTuneConfig r -> node.put("provider", r.provider().name()).put("epochs", r.epochs())
                        .put("batch_size", r.batchSize()).put("learning_rate_multiplier", r.learningRateMultiplier())
                        .put("suffix", r.suffix()).put("poll_seconds", r.pollSeconds()).put("max_wait_minutes", r.maxWaitMinutes())
                        .put("system", r.systemTemplate()).put("user", r.userTemplate()).put("max_tokens", r.maxTokens());
                case DistillConfig distill -> {
                    node.put("teacher", distill.teacher().name())
                            .put("student", distill.student().method() == dev.hone.engine.train.TuningMethod.FULL ? "full" : "lora");
                    if (distill.unlabeled() != null) node.put("unlabeled", distill.unlabeled().toString());
                    putOptions(node, distill.student());
                }
                case CascadeConfig c -> {
                    node.put("local", c.local().name()).put("remote", c.remote().name()).put("max_escalation", c.maxEscalation());
                    if (Double.isNaN(c.threshold())) node.put("threshold", "chosen on validation");
                    else node.put("threshold", c.threshold());
                }
            }
        }
        root.putObject("evaluation").put("repeats", config.evaluation().repeats()).put("seed", config.evaluation().seed())
                .put("latency_samples", config.evaluation().latencySamples());
        if (!config.evaluation().curve().isEmpty()) {
            ArrayNode curve = ((ObjectNode) root.get("evaluation")).putArray("curve");
            config.evaluation().curve().forEach(curve::add);
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
            ObjectNode node = providers.putObject(name).put("type", p.type()).put("base_url", p.baseUrl().toString())
                    .put("model", p.model()).put("api_key_env", p.apiKeyEnv()).put("max_concurrency", p.maxConcurrency())
                    .put("requests_per_minute", p.requestsPerMinute()).put("timeout_seconds", p.timeoutSeconds())
                    .put("max_retries", p.maxRetries()).put("usd_per_million_input_tokens", p.usdPerMillionInput())
                    .put("usd_per_million_output_tokens", p.usdPerMillionOutput())
                    .put("usd_per_million_training_tokens", p.usdPerMillionTraining())
                    .put("cache", p.cacheDirectory() != null);
            if (p.cacheDirectory() != null) node.put("cache_dir", p.cacheDirectory().toString());
        });
    }

    private static void putOptions(ObjectNode node, FineTuneOptions o) {
        switch (o.method()) {
            case HEAD -> node.put("head_learning_rate", o.headLearningRate()).put("weight_decay", o.weightDecay());
            case LORA, FULL -> {
                if (o.method() == dev.hone.engine.train.TuningMethod.LORA) {
                    node.put("rank", o.loraRank()).put("alpha", o.loraAlpha()).put("lora_dropout", o.loraDropout());
                    ArrayNode targets = node.putArray("targets");
                    o.loraTargets().stream().map(t -> t.name().toLowerCase(Locale.ROOT)).sorted().forEach(targets::add);
                }
                node.put("epochs", o.epochs()).put("batch_size", o.batchSize()).put("learning_rate", o.learningRate())
                        .put("head_learning_rate", o.headLearningRate()).put("warmup", o.warmupFraction())
                        .put("weight_decay", o.weightDecay()).put("max_grad_norm", o.maxGradientNorm())
                        .put("patience", o.patience());
            }
        }
    }
}
