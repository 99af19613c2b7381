package dev.hone.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.evaluation.JsonSchemaValidator;
import dev.hone.generation.GenerationKind;
import dev.hone.json.Json;
import dev.hone.provider.ProviderConfig;
import dev.hone.retrieval.KnowledgeBase;
import dev.hone.strategy.StrategyKind;
import dev.hone.strategy.StrategyKinds;
import dev.hone.strategy.llmfinetune.FineTuneJobConfig;
import dev.hone.strategy.llmfinetune.LlmFineTuneKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code task.kind: generation} run: the input → reference dataset, the {@code llm-generate},
 * {@code rag} and {@code llm-finetune} strategies, and {@code evaluation.json_schema} /
 * {@code evaluation.judge}. Every problem joins the config's other problems; classification-only
 * sections and kinds are refused.
 */
final class GenerationConfigReader {
    private static final Set<String> COMMON = Set.of("name", "kind", "provider", "system", "user", "temperature", "max_tokens");

    private GenerationConfigReader() {
    }

    /** The section, or null when something is wrong (the problems say what). */
    static GenerationConfig read(ConfigNode top, Path base, Problems problems, Map<String, ProviderConfig> providers) {
        for (String unused : List.of("labels", "retrieval")) {
            if (top.has(unused)) problems.add(unused, "is not used when task.kind is generation (answers are free text); remove it");
        }
        GenerationDatasetConfig dataset = readDataset(top.object("dataset", true), base);
        List<GenerateConfig> strategies = readStrategies(top, base, problems, providers);
        ConfigNode evaluation = top.object("evaluation", false);
        JsonNode schema = null;
        String schemaSource = null;
        JudgeConfig judge = null;
        if (evaluation != null) {
            evaluation.rejectUnknownKeys(Set.of("seed", "json_schema", "judge"));
            if (evaluation.has("json_schema")) {
                JsonNode raw = evaluation.raw("json_schema");
                schemaSource = raw.isTextual() ? base.resolve(raw.asText()).normalize().toString() : "inline";
                schema = readSchema(evaluation, raw, base);
            }
            judge = readJudge(evaluation.object("judge", false), providers);
        }
        if (dataset == null || strategies.isEmpty() || !problems.isEmpty()) return null;
        return new GenerationConfig(dataset, strategies, schema, schemaSource, judge);
    }

    private static GenerationDatasetConfig readDataset(ConfigNode node, Path base) {
        if (node == null) return null;
        node.rejectUnknownKeys(Set.of("train", "test", "test_fraction", "input_field", "output_field", "sources_field",
                "validation_fraction"));
        String train = node.string("train", null, true);
        String test = node.string("test", null, false);
        double testFraction = node.number("test_fraction", 0, 0, 0.9);
        if (test == null && testFraction == 0) node.problem("test", "is required (a file), or set test_fraction to split it off train");
        String input = node.string("input_field", "input", false);
        String output = node.string("output_field", "output", false);
        if (input != null && input.equals(output)) node.problem("output_field", "must differ from input_field ('" + input + "')");
        double validation = node.number("validation_fraction", GenerationDatasetConfig.DEFAULT_VALIDATION_FRACTION, 0, 0.5);
        if (train == null || train.isBlank() || (test == null && testFraction == 0) || input == null || input.equals(output)) return null;
        return new GenerationDatasetConfig(base.resolve(train).normalize(), test == null ? null : base.resolve(test).normalize(),
                testFraction, input, output, node.string("sources_field", "sources", false), validation);
    }

    private static List<GenerateConfig> readStrategies(ConfigNode top, Path base, Problems problems,
                                                       Map<String, ProviderConfig> providers) {
        List<GenerateConfig> strategies = new ArrayList<>();
        JsonNode list = top.raw("strategies");
        if (list == null || list.isNull() || !list.isArray() || list.isEmpty()) {
            problems.add("strategies", "must list at least one strategy, e.g. - {name: plain, kind: llm-generate, provider: NAME}");
            return strategies;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "strategies[" + i + "]";
            if (!list.get(i).isObject()) {
                problems.add(path, "must be a mapping with name, kind and provider, got " + ConfigNode.describe(list.get(i)));
                continue;
            }
            ConfigNode node = new ConfigNode(list.get(i), path, problems);
            GenerateConfig strategy = readStrategy(node, base, providers);
            if (strategy == null) continue;
            if (!names.add(strategy.name())) problems.add(path + ".name", "'" + strategy.name() + "' is used twice; names must be unique");
            if (!strategy.name().matches("[A-Za-z0-9._-]+")) {
                problems.add(path + ".name", "'" + strategy.name() + "' may only use letters, digits, '.', '_' and '-' (it names a folder)");
            }
            strategies.add(strategy);
        }
        return strategies;
    }

    private static GenerateConfig readStrategy(ConfigNode node, Path base, Map<String, ProviderConfig> providers) {
        String kindId = node.string("kind", null, true);
        if (kindId == null) return null;
        if (StrategyKinds.find(kindId).filter(k -> !k.serves(true)).isPresent()) {
            node.problem("kind", "'" + kindId + "' is a classification strategy; a generation run takes "
                    + String.join(", ", StrategyKinds.idsFor(true)) + " (or set task.kind: classification)");
            return null;
        }
        // A former name (remote-finetune) still reads as its kind; messages list only today's names.
        String checked = StrategyKinds.find(kindId).filter(k -> k.serves(true)).map(StrategyKind::id)
                .orElseGet(() -> node.choice("kind", null, StrategyKinds.idsFor(true)));
        if (checked == null) return null;
        StrategyKind kind = StrategyKinds.byId(checked);
        boolean rag = kind == GenerationKind.RAG;
        boolean tuned = kind == LlmFineTuneKind.LLM_FINETUNE;
        Set<String> known = new HashSet<>(COMMON);
        known.addAll(rag ? Set.of("k", "mode", "documents", "knowledge_base", "chunk_tokens", "overlap")
                : tuned ? LlmFineTuneKind.JOB_KEYS : Set.of("k", "select"));
        node.rejectUnknownKeys(known);
        String name = node.string("name", kind.id(), false);
        ProviderConfig provider = ProviderReader.named(node, "provider", providers);
        String system = node.string("system", rag ? GenerateConfig.DEFAULT_RAG_SYSTEM : GenerateConfig.DEFAULT_SYSTEM, false);
        String user = node.string("user", GenerateConfig.DEFAULT_USER, false);
        boolean ok = provider != null && system != null && user != null;
        if (user != null && !user.contains("{input}")) {
            node.problem("user", "must contain {input}, where the example's input goes");
            ok = false;
        }
        if (rag && system != null && user != null && !(system + user).contains("{context}")) {
            node.problem("system", "must contain {context} (or put it in user), where the retrieved chunks go");
            ok = false;
        }
        double temperature = node.number("temperature", 0, 0, 2);
        int maxTokens = node.integer("max_tokens", GenerateConfig.DEFAULT_MAX_TOKENS, 1, 100_000);
        RagSource source = null;
        FineTuneJobConfig tuning = null;
        int k = 0;
        String select = "random";
        if (rag) {
            source = readRagSource(node, base);
            ok &= source != null;
        } else if (tuned) {
            tuning = LlmFineTuneKind.readJob(node, name, provider);
            ok &= tuning != null;
        } else {
            k = node.integer("k", 0, 0, 200);
            select = node.choice("select", "random", GenerateConfig.SELECTIONS);
        }
        return ok ? new GenerateConfig(name, kind, provider, system, user, k, select, source, temperature, maxTokens, tuning) : null;
    }

    private static RagSource readRagSource(ConfigNode node, Path base) {
        String documents = node.string("documents", null, false);
        String knowledgeBase = node.string("knowledge_base", null, false);
        int k = node.integer("k", RagSource.DEFAULT_K, 1, 100);
        String mode = node.choice("mode", RagSource.DEFAULT_MODE, RagSource.MODES);
        int chunkTokens = node.integer("chunk_tokens", RetrievalConfig.DEFAULT_CHUNK_TOKENS, 8, 512);
        int overlap = node.integer("overlap", Math.min(RetrievalConfig.DEFAULT_OVERLAP, chunkTokens / 2), 0, 511);
        if ((documents == null) == (knowledgeBase == null)) {
            node.problem(documents == null ? "documents" : "knowledge_base", documents == null
                    ? "is required: name a folder of txt/md/html/pdf files to index (or knowledge_base: a folder made by hone index)"
                    : "give documents or knowledge_base, not both");
            return null;
        }
        if (overlap >= chunkTokens) {
            node.problem("overlap", "must be below chunk_tokens (" + chunkTokens + "), got " + overlap);
            return null;
        }
        if (documents != null) {
            Path folder = base.resolve(documents).normalize();
            if (!Files.isDirectory(folder)) {
                node.problem("documents", "folder " + folder + " not found; name the folder holding the txt/md/html/pdf files");
                return null;
            }
            return new RagSource(folder, null, k, mode, chunkTokens, overlap);
        }
        Path index = base.resolve(knowledgeBase).normalize();
        if (!Files.isDirectory(index) || KnowledgeBase.storedModel(index).isEmpty()) {
            node.problem("knowledge_base", index + " is not a knowledge base; build one with `hone index DOCS --out " + knowledgeBase
                    + "` or name the documents folder with documents:");
            return null;
        }
        return new RagSource(null, index, k, mode, chunkTokens, overlap);
    }

    /** A schema file (JSON, or YAML by extension) or an inline mapping, checked against the draft 2020-12 meta-schema. */
    private static JsonNode readSchema(ConfigNode evaluation, JsonNode raw, Path base) {
        JsonNode schema;
        Path schemaFile = null;
        if (raw.isTextual()) {
            Path file = base.resolve(raw.asText()).normalize();
            schemaFile = file;
            if (!Files.isRegularFile(file)) {
                evaluation.problem("json_schema", "file " + file + " not found; name a JSON Schema file or write the schema inline");
                return null;
            }
            String name = file.getFileName().toString();
            ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? ConfigLoader.YAML : Json.MAPPER;
            try {
                schema = mapper.readTree(Files.readString(file));
            } catch (JsonProcessingException e) {
                int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
                evaluation.problem("json_schema", file + (line > 0 ? ":" + line : "") + ": not valid JSON (" + e.getOriginalMessage() + ")");
                return null;
            } catch (IOException e) {
                evaluation.problem("json_schema", "cannot read " + file + " (" + e.getMessage() + ")");
                return null;
            }
        } else if (raw.isObject()) {
            schema = raw;
        } else {
            evaluation.problem("json_schema", "must be a path to a JSON Schema file or an inline mapping, got " + ConfigNode.describe(raw));
            return null;
        }
        List<JsonSchemaValidator.SchemaProblem> problems = JsonSchemaValidator.problemsOf(schema);
        if (problems.isEmpty()) return schema;
        // Each problem at its own line: of the config for an inline schema, of the schema's file otherwise.
        YamlLines fileLines = schemaFile == null ? null : YamlLines.of(readQuietly(schemaFile));
        for (JsonSchemaValidator.SchemaProblem problem : problems) {
            String path = configPath(schema, problem.pointer());
            if (schemaFile == null) {
                evaluation.problem("json_schema" + path, "not a valid JSON Schema (draft 2020-12): " + problem.message());
            } else {
                int line = fileLines.lineOf(path.startsWith(".") ? path.substring(1) : path);
                evaluation.problem("json_schema", schemaFile + (line > 0 ? ":" + line : "") + ": #" + problem.pointer()
                        + ": not a valid JSON Schema (draft 2020-12): " + problem.message());
            }
        }
        return null;
    }

    /** A JSON Pointer into {@code schema} as a config path suffix: {@code /anyOf/0/minimum} → {@code .anyOf[0].minimum}. */
    static String configPath(JsonNode schema, String pointer) {
        StringBuilder path = new StringBuilder();
        JsonNode node = schema;
        for (String raw : pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/", -1)) {
            String segment = raw.replace("~1", "/").replace("~0", "~");
            if (node != null && node.isArray()) {
                path.append('[').append(segment).append(']');
                node = segment.matches("\\d+") ? node.get(Integer.parseInt(segment)) : null;
            } else {
                path.append('.').append(segment);
                node = node == null ? null : node.get(segment);
            }
        }
        return path.toString();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static JudgeConfig readJudge(ConfigNode node, Map<String, ProviderConfig> providers) {
        if (node == null) return null;
        node.rejectUnknownKeys(Set.of("provider", "rubric", "scale"));
        ProviderConfig provider = ProviderReader.named(node, "provider", providers);
        String rubric = node.string("rubric", JudgeConfig.DEFAULT_RUBRIC, false);
        String scale = node.choice("scale", "binary", JudgeConfig.SCALES);
        if (rubric != null && rubric.isBlank()) node.problem("rubric", "must not be empty; describe what a correct answer is");
        return provider == null || rubric == null || rubric.isBlank() ? null : new JudgeConfig(provider, rubric, scale);
    }

    /** The generation parts of the resolved config: what actually ran, defaults filled in. */
    static void putResolved(ObjectNode root, GenerationConfig g) {
        GenerationDatasetConfig d = g.dataset();
        ObjectNode dataset = root.putObject("dataset").put("train", d.train().toString());
        if (d.test() != null) dataset.put("test", d.test().toString());
        else dataset.put("test_fraction", d.testFraction());
        dataset.put("input_field", d.inputField()).put("output_field", d.outputField()).put("sources_field", d.sourcesField())
                .put("validation_fraction", d.validationFraction());
        ArrayNode strategies = root.putArray("strategies");
        for (GenerateConfig s : g.strategies()) {
            ObjectNode node = strategies.addObject().put("name", s.name()).put("kind", s.kind().id())
                    .put("provider", s.provider().name()).put("system", s.systemTemplate()).put("user", s.userTemplate())
                    .put("temperature", s.temperature()).put("max_tokens", s.maxTokens());
            RagSource r = s.retrieval();
            if (s.tuning() != null) {
                LlmFineTuneKind.writeJob(s.tuning(), node);
            } else if (r == null) {
                node.put("k", s.k()).put("select", s.select());
            } else {
                if (r.documents() != null) node.put("documents", r.documents().toString());
                else node.put("knowledge_base", r.knowledgeBase().toString());
                node.put("k", r.k()).put("mode", r.mode()).put("chunk_tokens", r.chunkTokens()).put("overlap", r.overlap());
            }
        }
        ObjectNode evaluation = (ObjectNode) root.get("evaluation");
        evaluation.remove(List.of("repeats", "latency_samples", "curve"));
        if (g.jsonSchema() != null) {
            if ("inline".equals(g.jsonSchemaSource())) evaluation.set("json_schema", g.jsonSchema());
            else evaluation.put("json_schema", g.jsonSchemaSource());
        }
        if (g.judge() != null) {
            evaluation.putObject("judge").put("provider", g.judge().provider().name()).put("rubric", g.judge().rubric())
                    .put("scale", g.judge().scale());
        }
    }
}
