package dev.hone.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hone.engine.train.FineTuneOptions;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import dev.hone.strategy.StrategyKinds;
import dev.hone.strategy.Trait;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code hone.yaml}: YAML → tree → overrides → typed, validated {@link HoneConfig}.
 * Every problem is reported at once with its path; defaults are the constants below and the
 * engine's {@link FineTuneOptions#defaults}.
 */
public final class ConfigLoader {
    /**
     * A run's encoder when {@code model:} is not given. bench/fewshot settled it: frozen, bge-small
     * was ahead of all-MiniLM on every dataset at 8 examples per class (sst2 82 vs 63, emotion 55 vs 39
     * zero-shot), for about twice the compute. ({@code hone embed} and {@code hone index} keep the faster
     * MiniLM, {@link dev.hone.engine.model.Encoders#DEFAULT}, where ingestion throughput matters.)
     */
    static final String DEFAULT_MODEL = "bge-small-en-v1.5";
    static final int DEFAULT_REPEATS = 3;
    static final long DEFAULT_SEED = 7;
    static final int DEFAULT_LATENCY_SAMPLES = 50;
    static final double DEFAULT_VALIDATION_FRACTION = 0.15;
    static final long DEFAULT_MONTHLY_REQUESTS = 1_000_000;
    static final double DEFAULT_ACCURACY_FLOOR = 0.0;
    static final double DEFAULT_LATENCY_BUDGET_MS = 100;
    /** On-demand price of one vCPU-hour on a general-purpose cloud instance, roughly. */
    static final double DEFAULT_CPU_HOUR_USD = 0.05;
    /** Validation sets of a few examples tie almost everything: cost may pick a cheaper candidate only this close to the best. */
    static final double DEFAULT_TIE_MARGIN = 0.02;
    /** Five folds: each fold's model trains on 80% of the examples, close to the refit on all of them, for five builds. */
    static final int DEFAULT_FOLDS = 5;
    /**
     * Two fold assignments: which examples share a fold moves a cross-validated accuracy by itself, and
     * a second assignment averages some of that out for twice the builds; more repeats cost more than
     * they settle on the small sets that are cross-validated at all.
     */
    static final int DEFAULT_CV_REPEATS = 2;

    /** The one YAML mapper: config files and YAML schema files are read with it, resolved configs written. */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {
    }

    public static HoneConfig load(Path file, List<String> overrides) {
        String text = readUtf8(file);
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? file.toString() : file + ":" + at.getLineNr();
            throw new BadInputException(where + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new BadInputException(file + ": the config is empty; see examples/support-intents/hone.yaml for a starting point");
        }
        if (!tree.isObject()) {
            throw new BadInputException(file + ": the config must be a YAML mapping (task:, dataset:, strategies: …), got "
                    + ConfigNode.describe(tree));
        }
        ObjectNode root = (ObjectNode) tree;
        ConfigOverrides.apply(root, overrides, YAML);
        HoneConfig config = read(root, file.toAbsolutePath().getParent(), file, YamlLines.of(text));
        ConfigSchema.checkIfRequested(file, root);
        return config;
    }

    /**
     * A problem found after loading (in the data a config names, say), placed at the line of
     * {@code path} in {@code file}.
     */
    public static ConfigProblem problemAt(Path file, String path, String message) {
        YamlLines lines;
        try {
            lines = YamlLines.of(readUtf8(file));
        } catch (BadInputException e) {
            lines = YamlLines.NONE;
        }
        return new ConfigProblem(file.toString(), lines.lineOf(path), path, message);
    }

    private static String readUtf8(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": config file not found");
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ": not UTF-8 text; save the config as UTF-8");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the config (" + e.getMessage() + ")");
        }
    }

    static HoneConfig read(ObjectNode root, Path baseDirectory, Path source) {
        return read(root, baseDirectory, source, YamlLines.NONE);
    }

    /** Reads the tree of a config; {@code lines} says where in the file each path is, for the problems. */
    static HoneConfig read(ObjectNode root, Path baseDirectory, Path source, YamlLines lines) {
        Problems problems = new Problems(source.toString(), lines);
        ConfigNode top = new ConfigNode(root, "", problems);
        top.rejectUnknownKeys(Set.of("task", "dataset", "labels", "model", "strategies", "evaluation", "decision", "retrieval",
                "providers"));

        ConfigNode taskNode = top.object("task", true);
        TaskConfig task = new TaskConfig(
                taskNode == null ? "task" : taskNode.string("name", "task", true),
                taskNode == null ? "classification" : taskNode.choice("kind", "classification", List.of("classification", "retrieval", "generation")));
        if (taskNode != null) taskNode.rejectUnknownKeys(Set.of("name", "kind"));
        if ("retrieval".equals(task.kind())) return readRetrievalRun(top, task, root, baseDirectory, source, problems);
        if ("generation".equals(task.kind())) return readGenerationRun(top, task, baseDirectory, source, problems);

        DatasetConfig dataset = readDataset(top.object("dataset", true), baseDirectory);
        Map<String, String> labels = readLabels(top, problems);
        String model = top.string("model", DEFAULT_MODEL, false);
        EvaluationConfig evaluation = readEvaluation(top.object("evaluation", false));
        if (evaluation.selection() == SelectionMode.VALIDATION && dataset.validationFraction() == 0) {
            problems.add("evaluation.selection", "'validation' needs a validation split, but dataset.validation_fraction is 0; "
                    + "set validation_fraction (e.g. 0.15), or use 'auto' or 'cross-validation'");
        }
        DecisionConfig decision = readDecision(top.object("decision", false));
        Map<String, dev.hone.provider.ProviderConfig> providers = ProviderReader.read(top, baseDirectory, problems);
        List<StrategyConfig> strategies = readStrategies(root.get("strategies"), problems,
                new StrategyContext(evaluation.seed(), providers, Map.of(), baseDirectory, dataset.textField()));
        problems.throwIfAny();

        ClassificationSetup setup = new ClassificationSetup(dataset, labels, strategies);
        HoneConfig config = new HoneConfig(task, model, evaluation, decision, source, null, providers, setup);
        return new HoneConfig(task, model, evaluation, decision, source, ResolvedConfig.toTree(config, Json.MAPPER), providers, setup);
    }

    /** A retrieval run has no labelled dataset or strategies: the search modes are its candidates. */
    private static HoneConfig readRetrievalRun(ConfigNode top, TaskConfig task, ObjectNode root, Path base, Path source,
                                               Problems problems) {
        for (String unused : List.of("dataset", "strategies", "labels")) {
            if (top.has(unused))
                problems.add(unused, "is not used when task.kind is retrieval (the search modes are the candidates); remove it");
        }
        RetrievalConfig retrieval = RetrievalConfigReader.read(top, base);
        String model = top.string("model", DEFAULT_MODEL, false);
        EvaluationConfig evaluation = readEvaluation(top.object("evaluation", false));
        DecisionConfig decision = readDecision(top.object("decision", false));
        problems.throwIfAny();
        HoneConfig config = new HoneConfig(task, model, evaluation, decision, source, null, Map.of(), retrieval);
        return new HoneConfig(task, model, evaluation, decision, source, ResolvedConfig.toTree(config, Json.MAPPER), Map.of(), retrieval);
    }

    /** A generation run: input → reference pairs, LLM strategies, answer checks; no labels. */
    private static HoneConfig readGenerationRun(ConfigNode top, TaskConfig task, Path base, Path source, Problems problems) {
        String model = top.string("model", DEFAULT_MODEL, false);
        ConfigNode evaluationNode = top.object("evaluation", false);
        long seed = evaluationNode == null ? DEFAULT_SEED : evaluationNode.integer("seed", (int) DEFAULT_SEED, 0, Integer.MAX_VALUE);
        EvaluationConfig evaluation = new EvaluationConfig(1, seed, DEFAULT_LATENCY_SAMPLES, List.of(), SelectionMode.AUTO,
                DEFAULT_FOLDS, DEFAULT_CV_REPEATS);
        DecisionConfig decision = readDecision(top.object("decision", false));
        Map<String, dev.hone.provider.ProviderConfig> providers = ProviderReader.read(top, base, problems);
        GenerationConfig generation = GenerationConfigReader.read(top, base, problems, providers);
        problems.throwIfAny();
        // The shared dataset record carries the pairs' files and fields; the generation record has the rest.
        HoneConfig config = new HoneConfig(task, model, evaluation, decision, source, null, providers, generation);
        ObjectNode resolved = (ObjectNode) ResolvedConfig.toTree(config, Json.MAPPER);
        GenerationConfigReader.putResolved(resolved, generation);
        return new HoneConfig(task, model, evaluation, decision, source, resolved, providers, generation);
    }

    private static DatasetConfig readDataset(ConfigNode node, Path base) {
        if (node == null) return new DatasetConfig(null, null, 0, "text", "label", DEFAULT_VALIDATION_FRACTION);
        node.rejectUnknownKeys(Set.of("train", "test", "test_fraction", "text_field", "label_field", "validation_fraction"));
        String train = node.string("train", null, true);
        String test = node.string("test", null, false);
        double testFraction = node.number("test_fraction", 0, 0, 0.9);
        if (test == null && testFraction == 0) {
            node.string("test", null, true);
        }
        return new DatasetConfig(train == null ? null : base.resolve(train).normalize(),
                test == null ? null : base.resolve(test).normalize(), testFraction,
                node.string("text_field", "text", false), node.string("label_field", "label", false),
                node.number("validation_fraction", DEFAULT_VALIDATION_FRACTION, 0, 0.5));
    }

    private static Map<String, String> readLabels(ConfigNode top, Problems problems) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (!top.has("labels")) return labels;
        JsonNode node = top.raw("labels");
        if (node.isArray()) {
            node.forEach(label -> labels.put(label.asText(), ""));
        } else if (node.isObject()) {
            node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        } else {
            problems.add("labels", "must be a mapping of label → description or a list of labels, got " + ConfigNode.describe(node));
        }
        return labels;
    }

    private static EvaluationConfig readEvaluation(ConfigNode node) {
        if (node == null) {
            return new EvaluationConfig(DEFAULT_REPEATS, DEFAULT_SEED, DEFAULT_LATENCY_SAMPLES, List.of(), SelectionMode.AUTO,
                    DEFAULT_FOLDS, DEFAULT_CV_REPEATS);
        }
        node.rejectUnknownKeys(Set.of("repeats", "seed", "latency_samples", "curve", "selection", "folds", "cv_repeats"));
        return new EvaluationConfig(node.integer("repeats", DEFAULT_REPEATS, 1, 100),
                node.integer("seed", (int) DEFAULT_SEED, 0, Integer.MAX_VALUE),
                node.integer("latency_samples", DEFAULT_LATENCY_SAMPLES, 5, 10_000),
                node.ascendingIntegers("curve", 1, 100_000),
                SelectionMode.of(node.choice("selection", SelectionMode.AUTO.id(), SelectionMode.ids())),
                node.integer("folds", DEFAULT_FOLDS, 2, 20),
                node.integer("cv_repeats", DEFAULT_CV_REPEATS, 1, 20));
    }

    private static DecisionConfig readDecision(ConfigNode node) {
        if (node == null) {
            return new DecisionConfig(DEFAULT_MONTHLY_REQUESTS, DEFAULT_ACCURACY_FLOOR, DEFAULT_LATENCY_BUDGET_MS,
                    DEFAULT_CPU_HOUR_USD, 0, DEFAULT_TIE_MARGIN);
        }
        node.rejectUnknownKeys(Set.of("monthly_requests", "accuracy_floor", "latency_budget_ms", "cpu_hour_usd", "budget_per_month",
                "tie_margin"));
        return new DecisionConfig((long) node.number("monthly_requests", DEFAULT_MONTHLY_REQUESTS, 0, 1e15),
                node.number("accuracy_floor", DEFAULT_ACCURACY_FLOOR, 0, 1),
                node.number("latency_budget_ms", DEFAULT_LATENCY_BUDGET_MS, 0.001, 1e9),
                node.number("cpu_hour_usd", DEFAULT_CPU_HOUR_USD, 0, 1e6),
                node.number("budget_per_month", 0, 0, 1e12),
                node.number("tie_margin", DEFAULT_TIE_MARGIN, 0, 1));
    }

    private static List<StrategyConfig> readStrategies(JsonNode list, Problems problems, StrategyContext context) {
        List<StrategyConfig> strategies = new ArrayList<>();
        if (list == null || list.isNull()) {
            problems.add("strategies", "is required: list at least one strategy, e.g. - {name: zero-shot, kind: zero-shot}");
            return strategies;
        }
        if (!list.isArray()) {
            problems.add("strategies", "must be a list of strategies, got " + ConfigNode.describe(list));
            return strategies;
        }
        if (list.isEmpty()) problems.add("strategies", "must list at least one strategy");
        Set<String> names = new HashSet<>();
        Map<Integer, JsonNode> referring = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "strategies[" + i + "]";
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                problems.add(path, "must be a mapping with name and kind, got " + ConfigNode.describe(item));
                continue;
            }
            if (StrategyKinds.find(item.path("kind").asText()).filter(k -> k.has(Trait.NAMES_OTHER_STRATEGIES)).isPresent()) {
                referring.put(i, item); // names other strategies: read once they are all known
                continue;
            }
            StrategyConfig strategy = StrategyReader.read(new ConfigNode(item, path, problems), context);
            if (strategy == null) continue;
            if (!names.add(strategy.name())) problems.add(path + ".name", "'" + strategy.name() + "' is used twice; names must be unique");
            if (!strategy.name().matches("[A-Za-z0-9._-]+")) {
                problems.add(path + ".name", "'" + strategy.name() + "' may only use letters, digits, '.', '_' and '-' (it names a folder)");
            }
            strategies.add(strategy);
        }
        if (!referring.isEmpty()) addReferring(strategies, referring, problems, names, context);
        return strategies;
    }

    /**
     * Reads the entries that name other strategies (cascade, distill) against the strategies already
     * read, and puts them at their place in the list.
     */
    private static void addReferring(List<StrategyConfig> strategies, Map<Integer, JsonNode> referring, Problems problems,
                                     Set<String> names, StrategyContext context) {
        Map<String, StrategyConfig> byName = new LinkedHashMap<>();
        strategies.forEach(s -> byName.put(s.name(), s));
        StrategyContext withStrategies = new StrategyContext(context.seed(), context.providers(), byName, context.baseDirectory(),
                context.textField());
        for (Map.Entry<Integer, JsonNode> entry : referring.entrySet()) {
            String path = "strategies[" + entry.getKey() + "]";
            ConfigNode node = new ConfigNode(entry.getValue(), path, problems);
            StrategyConfig strategy = StrategyKinds.classifier(entry.getValue().path("kind").asText()).read(node, withStrategies);
            if (strategy == null) continue;
            if (!names.add(strategy.name())) problems.add(path + ".name", "'" + strategy.name() + "' is used twice; names must be unique");
            if (!strategy.name().matches("[A-Za-z0-9._-]+")) {
                problems.add(path + ".name", "'" + strategy.name() + "' may only use letters, digits, '.', '_' and '-' (it names a folder)");
            }
            // In ascending config order, so everything listed before this one is already in place.
            strategies.add(Math.min(entry.getKey(), strategies.size()), strategy);
        }
    }
}
