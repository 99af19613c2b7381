package dev.hone.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.error.BadInputException;
import dev.hone.generation.GenerationKind;
import dev.hone.strategy.llmfinetune.LlmFineTuneConfig;
import dev.hone.strategy.llmfinetune.LlmFineTuneKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationConfigTest {
    private static final String PROVIDERS = """
            providers:
              local: {type: openai, base_url: "http://localhost:11434/v1", model: "llama3.2:3b"}
            """;

    @TempDir
    Path directory;

    private Path write(String yaml) throws Exception {
        Files.createDirectories(directory.resolve("docs"));
        Files.writeString(directory.resolve("schema.json"), "{\"type\": \"object\", \"required\": [\"answer\"]}");
        Path file = directory.resolve("hone.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String problems(Path file) {
        try {
            ConfigLoader.load(file, List.of());
        } catch (BadInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("the config was accepted");
    }

    @Test
    void readsAGenerationRunWithDefaults() throws Exception {
        HoneConfig config = ConfigLoader.load(write("""
                task: {name: qa, kind: generation}
                dataset: {train: train.jsonl, test: test.jsonl}
                %s
                strategies:
                  - {name: plain, kind: llm-generate, provider: local}
                  - {name: shots, kind: llm-generate, provider: local, k: 4, select: similar}
                  - {name: rag, kind: rag, provider: local, documents: docs}
                evaluation: {json_schema: schema.json, judge: {provider: local, scale: five}}
                """.formatted(PROVIDERS)), List.of("strategies[2].k=3"));
        assertThat(config.setup()).isInstanceOf(GenerationConfig.class);
        GenerationConfig g = Setups.generation(config);
        assertThat(g.dataset().inputField()).isEqualTo("input");
        assertThat(g.dataset().outputField()).isEqualTo("output");
        assertThat(g.dataset().validationFraction()).isEqualTo(GenerationDatasetConfig.DEFAULT_VALIDATION_FRACTION);
        assertThat(g.strategies()).extracting(GenerateConfig::kind)
                .containsExactly(GenerationKind.LLM_GENERATE, GenerationKind.LLM_GENERATE, GenerationKind.RAG);
        assertThat(g.strategies().get(0).k()).isZero();
        assertThat(g.strategies().get(1).select()).isEqualTo("similar");
        RagSource rag = g.strategies().get(2).retrieval();
        assertThat(rag.documents()).isEqualTo(directory.resolve("docs"));
        assertThat(rag.k()).isEqualTo(3);
        assertThat(rag.mode()).isEqualTo("hybrid");
        assertThat(g.strategies().get(2).systemTemplate()).contains("{context}").contains("cite");
        assertThat(g.jsonSchema().path("required").get(0).asText()).isEqualTo("answer");
        assertThat(g.judge().scale()).isEqualTo("five");
        assertThat(g.judge().rubric()).isEqualTo(JudgeConfig.DEFAULT_RUBRIC);
        assertThat(config.setup()).as("a generation run has no classification strategies").isNotInstanceOf(ClassificationSetup.class);
        assertThat(config.resolved().path("strategies").get(2).path("k").asInt()).isEqualTo(3);
        assertThat(config.resolved().path("evaluation").path("judge").path("scale").asText()).isEqualTo("five");
        assertThat(config.resolved().path("dataset").path("input_field").asText()).isEqualTo("input");
        assertThat(config.resolved().has("labels")).isFalse();
    }

    @Test
    void inlineSchemasAreKeptInTheResolvedConfig() throws Exception {
        HoneConfig config = ConfigLoader.load(write("""
                task: {name: qa, kind: generation}
                dataset: {train: train.jsonl, test_fraction: 0.3}
                %s
                strategies: [{name: plain, kind: llm-generate, provider: local}]
                evaluation: {json_schema: {type: object, properties: {answer: {type: string}}}}
                """.formatted(PROVIDERS)), List.of());
        assertThat(Setups.generation(config).jsonSchemaSource()).isEqualTo("inline");
        assertThat(config.resolved().path("evaluation").path("json_schema").path("type").asText()).isEqualTo("object");
    }

    @Test
    void aGenerationRunRefusesClassificationKindsAndSections() throws Exception {
        String message = problems(write("""
                task: {name: qa, kind: generation}
                dataset: {train: train.jsonl, test: test.jsonl, text_field: question}
                labels: [a, b]
                %s
                strategies:
                  - {name: probe, kind: linear-probe}
                  - {name: zs, kind: llm-zero-shot, provider: local}
                  - {name: g, kind: llm-generat, provider: local}
                evaluation: {repeats: 3}
                """.formatted(PROVIDERS)));
        assertThat(message).contains("labels: is not used when task.kind is generation")
                .contains("strategies[0].kind: 'linear-probe' is a classification strategy; a generation run takes llm-finetune, llm-generate, rag")
                .contains("strategies[1].kind: 'llm-zero-shot' is a classification strategy")
                .contains("strategies[2].kind: must be one of llm-finetune, llm-generate, rag, got 'llm-generat', did you mean 'llm-generate'?")
                .contains("dataset.text_field: unknown key")
                .contains("evaluation.repeats: unknown key");
    }

    /** llm-finetune in a generation run: the job's keys as in a classification run, no demonstrations; its settings are resolved. */
    @Test
    void llmFinetuneReadsItsJobInAGenerationRun() throws Exception {
        HoneConfig config = ConfigLoader.load(write("""
                task: {name: qa, kind: generation}
                dataset: {train: train.jsonl, test: test.jsonl}
                %s
                strategies:
                  - {name: plain, kind: llm-generate, provider: local}
                  - {name: tuned, kind: llm-finetune, provider: local, epochs: 4, suffix: qa, max_tokens: 64, system: "Answer briefly."}
                  - {name: old-name, kind: remote-finetune, provider: local}
                """.formatted(PROVIDERS)), List.of());
        GenerateConfig tuned = Setups.generation(config).strategies().get(1);
        assertThat(tuned.kind()).isSameAs(LlmFineTuneKind.LLM_FINETUNE);
        assertThat(tuned.kind().promptOnly()).isFalse();
        assertThat(tuned.tuning().epochs()).isEqualTo(4);
        assertThat(tuned.tuning().suffix()).isEqualTo("qa");
        assertThat(tuned.tuning().pollSeconds()).isEqualTo(LlmFineTuneConfig.DEFAULT_POLL_SECONDS);
        assertThat(tuned.tuning().jobDirectory()).isEqualTo(LlmFineTuneConfig.jobDirectoryFor(tuned.provider()));
        assertThat(tuned.k()).isZero();
        assertThat(tuned.maxTokens()).isEqualTo(64);
        assertThat(tuned.systemTemplate()).isEqualTo("Answer briefly.");
        assertThat(tuned.userTemplate()).isEqualTo(GenerateConfig.DEFAULT_USER);
        assertThat(Setups.generation(config).strategies().get(2).kind()).as("the former name").isSameAs(LlmFineTuneKind.LLM_FINETUNE);
        assertThat(Setups.generation(config).strategies().get(0).tuning()).isNull();
        var resolved = config.resolved().path("strategies").get(1);
        assertThat(resolved.path("kind").asText()).isEqualTo("llm-finetune");
        assertThat(resolved.path("epochs").asInt()).isEqualTo(4);
        assertThat(resolved.path("suffix").asText()).isEqualTo("qa");
        assertThat(resolved.has("k")).as("asked without demonstrations").isFalse();

        String message = problems(write("""
                task: {name: qa, kind: generation}
                dataset: {train: train.jsonl, test: test.jsonl}
                %s
                strategies:
                  - {name: tuned, kind: llm-finetune, provider: local, k: 3, epochs: 0, suffix: "no spaces"}
                """.formatted(PROVIDERS)));
        assertThat(message).contains("strategies[0].k: unknown key").contains("strategies[0].epochs")
                .contains("strategies[0].suffix: may use up to 40 letters");
    }

    @Test
    void aClassificationRunRefusesGenerationKinds() throws Exception {
        String message = problems(write("""
                task: {name: intents}
                dataset: {train: train.jsonl, test: test.jsonl}
                %s
                strategies:
                  - {name: rag, kind: rag, provider: local, documents: docs}
                  - {name: g, kind: llm-generate, provider: local}
                """.formatted(PROVIDERS)));
        assertThat(message).contains("strategies[0].kind: 'rag' is a generation strategy; set task.kind: generation to use it")
                .contains("strategies[1].kind: 'llm-generate' is a generation strategy");
    }

    @Test
    void ragNeedsAnExistingDocumentsFolderOrKnowledgeBase() throws Exception {
        String message = problems(write("""
                task: {name: qa, kind: generation}
                dataset: {train: train.jsonl, test: test.jsonl}
                %s
                strategies:
                  - {name: none, kind: rag, provider: local}
                  - {name: missing, kind: rag, provider: local, documents: manual}
                  - {name: both, kind: rag, provider: local, documents: docs, knowledge_base: kb}
                  - {name: notkb, kind: rag, provider: local, knowledge_base: docs}
                  - {name: nocontext, kind: rag, provider: local, documents: docs, system: "Answer."}
                  - {name: noinput, kind: llm-generate, provider: local, user: "Question?"}
                  - {name: nobody, kind: llm-generate, provider: remote}
                """.formatted(PROVIDERS)));
        assertThat(message).contains("strategies[0].documents: is required: name a folder of txt/md/html/pdf files")
                .contains("strategies[1].documents: folder " + directory.resolve("manual") + " not found")
                .contains("strategies[2].knowledge_base: give documents or knowledge_base, not both")
                .contains("strategies[3].knowledge_base: " + directory.resolve("docs") + " is not a knowledge base; build one with `hone index")
                .contains("strategies[4].system: must contain {context}")
                .contains("strategies[5].user: must contain {input}")
                .contains("strategies[6].provider: 'remote' is not under providers:");
    }

    @Test
    void badSchemasAreReportedWithTheirFileAndLine() throws Exception {
        Files.writeString(directory.resolve("broken.json"), "{\n  \"type\": \"object\",\n  \"required\": [\"answer\"\n}");
        Files.writeString(directory.resolve("anyof.json"), "{\"anyOf\": [{\"type\": \"string\"}, {\"$ref\": \"#/$defs/n\"}],"
                + " \"$defs\": {\"n\": {\"type\": \"number\", \"minimum\": 0}}}");
        Files.writeString(directory.resolve("invalid.json"), "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"a\": {\"minimum\": \"zero\"}\n  }\n}");
        String base = """
                task: {name: qa, kind: generation}
                dataset: {train: train.jsonl, test: test.jsonl}
                %s
                strategies: [{name: plain, kind: llm-generate, provider: local}]
                """.formatted(PROVIDERS);
        assertThat(problems(write(base + "evaluation: {json_schema: missing.json}\n")))
                .contains("evaluation.json_schema: file " + directory.resolve("missing.json") + " not found");
        assertThat(problems(write(base + "evaluation: {json_schema: broken.json}\n")))
                .contains("evaluation.json_schema: " + directory.resolve("broken.json") + ":4: not valid JSON");
        assertThat(ConfigLoader.load(write(base + "evaluation: {json_schema: anyof.json}\n"), List.of()).task().kind())
                .as("anyOf, $ref and minimum are draft 2020-12").isEqualTo("generation");
        assertThat(problems(write(base + "evaluation: {json_schema: invalid.json}\n")))
                .contains("evaluation.json_schema: " + directory.resolve("invalid.json") + ":4: #/properties/a/minimum: not a valid JSON Schema");
        Path inline = write(base + "evaluation:\n  json_schema:\n    type: object\n    properties:\n      n: {type: numbr}\n");
        assertThat(problems(inline)).contains(inline + ":11: evaluation.json_schema.properties.n.type: not a valid JSON Schema");
        assertThat(problems(write(base + "evaluation: {json_schema: 3}\n")))
                .contains("evaluation.json_schema: must be a path to a JSON Schema file or an inline mapping");
        assertThat(problems(write(base + "evaluation: {judge: {provider: local, scale: ten, rubric: \"\"}}\n")))
                .contains("evaluation.judge.scale: must be one of binary, five, got 'ten'")
                .contains("evaluation.judge.rubric: must not be empty");
    }

    @Test
    void theDatasetNeedsATestSplitAndDistinctFields() throws Exception {
        String message = problems(write("""
                task: {name: qa, kind: generation}
                dataset: {train: train.jsonl, input_field: text, output_field: text}
                %s
                strategies: [{name: plain, kind: llm-generate, provider: local}]
                """.formatted(PROVIDERS)));
        assertThat(message).contains("dataset.test: is required (a file), or set test_fraction")
                .contains("dataset.output_field: must differ from input_field ('text')");
    }
}
