package dev.hone.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.strategy.StrategyKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code schema/hone.schema.json}, the editor schema of hone.yaml, checked with Hone's JSON Schema
 * validator: every example config conforms, its strategy kinds are the registered ones, and it
 * refuses what the loader refuses. (Every config any test loads is checked against it as well; see
 * {@link ConfigSchema}.)
 */
class ConfigSchemaTest {
    static final Path ROOT = root();
    static final Path SCHEMA = ROOT.resolve("schema/hone.schema.json");

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("schema/hone.schema.json"))) return p;
        }
        throw new AssertionError("schema/hone.schema.json not found above " + Path.of("").toAbsolutePath());
    }

    private static JsonNode yaml(String text) throws IOException {
        return ConfigLoader.YAML.readTree(text);
    }

    @Test
    void everyExampleConfigConformsAndLoads() throws IOException {
        List<Path> configs;
        try (Stream<Path> files = Files.walk(ROOT.resolve("examples"))) {
            configs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(configs).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path config : configs) {
            ConfigSchema.violations(SCHEMA, ConfigLoader.YAML.readTree(config.toFile())).forEach(v -> problems.add(config + ": " + v));
            ConfigLoader.load(config, List.of());
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theStrategyKindsAreTheRegisteredOnes() throws IOException {
        JsonNode kinds = ConfigLoader.YAML.readTree(SCHEMA.toFile()).path("$defs").path("strategy").path("properties").path("kind").path("enum");
        List<String> listed = new ArrayList<>();
        kinds.forEach(k -> listed.add(k.asText()));
        assertThat(listed).containsAll(StrategyKinds.ids());
        assertThat(listed).containsOnlyOnceElementsOf(listed);
    }

    @Test
    void refusesWhatTheLoaderRefuses() throws IOException {
        String good = """
                task: {name: t, kind: classification}
                dataset: {train: train.jsonl, test: test.jsonl}
                strategies:
                  - {name: zs, kind: zero-shot}
                  - {name: l, kind: lora, rank: 8, learning_rate: 5.0e-4, epochs: "3"}
                """;
        assertThat(ConfigSchema.violations(SCHEMA, yaml(good))).isEmpty();
        assertThat(ConfigSchema.violations(SCHEMA, yaml(good + "evaluatoin: {repeats: 1}\n"))).isNotEmpty();
        assertThat(ConfigSchema.violations(SCHEMA, yaml(good.replace("rank: 8", "rnak: 8")))).isNotEmpty();
        assertThat(ConfigSchema.violations(SCHEMA, yaml(good.replace("kind: zero-shot", "kind: zero-shot, rank: 8")))).isNotEmpty();
        assertThat(ConfigSchema.violations(SCHEMA, yaml(good.replace("kind: lora", "kind: fine-tune")))).isNotEmpty();
        assertThat(ConfigSchema.violations(SCHEMA, yaml(good.replace("epochs: \"3\"", "epochs: three")))).isNotEmpty();
        assertThat(ConfigSchema.violations(SCHEMA, yaml(good + "evaluation: {selection: sometimes}\n"))).isNotEmpty();
    }
}
