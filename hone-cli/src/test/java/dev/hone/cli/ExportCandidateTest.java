package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.Hone;
import dev.hone.engine.gguf.DecoderGgufExport;
import dev.hone.engine.gguf.GgufTensorType;
import dev.hone.engine.gguf.WriteProgress;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.model.TextEncoder;
import dev.hone.json.Json;
import dev.hone.local.ChatModelFolder;
import dev.hone.strategy.Candidate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone export CANDIDATE_DIR} on the candidates of one real {@code hone run} (the random
 * Llama fixture as a {@code type: local} provider beside encoder strategies). {@code --format gguf}:
 * an LLM candidate exports the model folder its provider names; an encoder candidate, and an LLM
 * candidate on a remote provider, are refused with which candidates can be exported.
 * {@code --format onnx}: a LoRA candidate (or a run recommending it) exports its tuned encoder, which
 * Hone loads back and embeds with as the candidate does (ONNX Runtime parity is hone-engine's
 * EncoderOnnxExportTest); an LLM candidate, a missing folder, a used --out and --type are one-line errors.
 */
class ExportCandidateTest {
    @TempDir
    static Path directory;
    static Path model;
    static Path run;

    @BeforeAll
    static void runOnTheLocalModel() throws Exception {
        model = ChatModelFolder.chatMl(directory.resolve("model"), 2048);
        SupportTickets.writeSplits(directory, 4, 6);
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: export-candidates, kind: classification}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test: test.jsonl, validation_fraction: 0.25}
                providers:
                  m: {type: local, model: model}
                strategies:
                  - {name: zero-local, kind: llm-zero-shot, provider: m}
                  - {name: encoder, kind: zero-shot}
                  - {name: lora, kind: lora, rank: 4, alpha: 8, epochs: 2, learning_rate: 2.0e-3}
                evaluation: {repeats: 1, latency_samples: 5}
                decision: {latency_budget_ms: 100000}
                """);
        run = directory.resolve("run");
        CliRunner result = CliRunner.run("run", config.toString(), "--out", run.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    @Test
    void anLlmCandidateOnALocalProviderExportsItsModelFolder() throws Exception {
        Path out = directory.resolve("candidate.gguf");
        Path expected = directory.resolve("folder.gguf");
        DecoderGgufExport.of(model, GgufTensorType.F32).writeTo(expected, WriteProgress.SILENT);

        CliRunner result = CliRunner.run("export", run.resolve("candidates/zero-local").toString(), "--format", "gguf",
                "--type", "f32", "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(expected));
        assertThat(result.err()).contains("candidate zero-local asks the local model " + model.toAbsolutePath().normalize())
                .contains("its prompt and demonstrations are not part of a GGUF file");
        assertThat(result.out()).contains("hone: wrote " + out + " (GGUF f32, architecture llama,");
    }

    @Test
    void anEncoderCandidateIsRefusedNamingWhatCanBeExported() {
        CliRunner result = CliRunner.run("export", run.resolve("candidates/encoder").toString(), "--format", "gguf",
                "--out", directory.resolve("encoder.gguf").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is a zero-shot candidate, not an LLM candidate: only LLM candidates whose provider is "
                + "type: local (llm-zero-shot, llm-few-shot, llm-cot, llm-self-consistency) can be exported to GGUF");
        assertThat(result.printedStackTrace()).isFalse();
        assertThat(directory.resolve("encoder.gguf")).doesNotExist();
    }

    @Test
    void anLlmCandidateOnARemoteProviderIsRefused() throws Exception {
        // The same candidate as saved by a run whose provider was an OpenAI-compatible server.
        Path candidate = copyOfTheLocalCandidate("remote-candidate", provider -> provider.put("type", "openai").put("model", "gpt-4o-mini"));

        CliRunner result = CliRunner.run("export", candidate.toString(), "--format", "gguf", "--out",
                directory.resolve("remote.gguf").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is an LLM candidate on provider 'm' (type: openai, model gpt-4o-mini), whose weights "
                + "are not on this machine: only LLM candidates whose provider is type: local");
        assertThat(result.printedStackTrace()).isFalse();
    }

    @Test
    void aLocalCandidateWhoseModelFolderMovedSaysSo() throws Exception {
        Path gone = directory.resolve("no-such-model");
        Path candidate = copyOfTheLocalCandidate("moved-candidate", provider -> provider.put("model", gone.toString()));

        CliRunner result = CliRunner.run("export", candidate.toString(), "--format", "gguf", "--out",
                directory.resolve("moved.gguf").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("names the model folder " + gone + ", which does not exist");
    }

    @Test
    void aLoraCandidateExportsItsTunedEncoderToOnnx() throws Exception {
        Path out = directory.resolve("lora-onnx");

        CliRunner result = CliRunner.run("export", run.resolve("candidates/lora").toString(), "--format", "onnx", "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("hone: wrote " + out + " (ONNX opset 17 bert encoder of candidate lora, 6 layers,")
                .contains("inputs input_ids, attention_mask, token_type_ids; outputs last_hidden_state and sentence_embedding, "
                        + "mean pooling, L2-normalised");
        assertThat(out.resolve("model.onnx")).exists();
        assertThat(out.resolve("tokenizer.json")).exists();
        assertThat(out.resolve("1_Pooling/config.json")).exists();
        TextEncoder candidate = ((Candidate) Hone.load(run.resolve("candidates/lora"))).encoder().orElseThrow();
        float[][] exported = Encoders.load(out.toString()).embed(TEXTS);
        assertThat(maxDifference(exported, candidate.embed(TEXTS))).as("the export embeds as the candidate").isLessThanOrEqualTo(1e-5);
        assertThat(maxDifference(exported, Encoders.load("all-minilm-l6-v2").embed(TEXTS))).as("the adapters are in it")
                .isGreaterThan(1e-4);
    }

    @Test
    void aRunFolderExportsItsRecommendedCandidatesEncoder() throws Exception {
        // The run as if it had recommended lora: results.json's decision names it.
        Path lora = Files.createDirectories(directory.resolve("lora-run/candidates"));
        copyTree(run.resolve("candidates/lora"), lora.resolve("lora"));
        ObjectNode results = (ObjectNode) Json.MAPPER.readTree(run.resolve("results.json").toFile());
        ((ObjectNode) results.path("decision")).put("recommended", "lora");
        Json.PRETTY.writeValue(directory.resolve("lora-run/results.json").toFile(), results);
        Path out = directory.resolve("run-onnx");

        CliRunner result = CliRunner.run("export", directory.resolve("lora-run").toString(), "--format", "onnx", "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("encoder of candidate lora,");
        assertThat(out.resolve("model.onnx")).exists();
    }

    @Test
    void onnxRefusesAnLlmCandidateAMissingFolderAUsedOutFolderAndAGgufTypeInOneLine() throws Exception {
        CliRunner llm = CliRunner.run("export", run.resolve("candidates/zero-local").toString(), "--format", "onnx", "--out",
                directory.resolve("llm-onnx").toString());
        CliRunner missing = CliRunner.run("export", directory.resolve("no-such-candidate").toString(), "--format", "onnx", "--out",
                directory.resolve("missing-onnx").toString());
        Path used = Files.createDirectories(directory.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "keep");
        CliRunner inUse = CliRunner.run("export", run.resolve("candidates/encoder").toString(), "--format", "onnx", "--out", used.toString());
        CliRunner typed = CliRunner.run("export", run.resolve("candidates/lora").toString(), "--format", "onnx", "--type", "f16", "--out",
                directory.resolve("typed-onnx").toString());

        assertThat(llm.err()).contains("is a llm-zero-shot candidate, which answers with an LLM, not a sentence encoder: --format onnx "
                + "exports a candidate's sentence encoder").contains("a local LLM exports with --format gguf");
        assertThat(missing.err()).contains(directory.resolve("no-such-candidate") + " is not a folder: give a candidate folder");
        assertThat(inUse.err()).contains("it exists and is not an empty folder");
        assertThat(typed.err()).contains("--type applies to --format gguf and hf; --format onnx writes a candidate's encoder in f32");
        for (CliRunner result : List.of(llm, missing, inUse, typed)) {
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err().strip().lines()).as(result.err()).hasSize(1);
            assertThat(result.printedStackTrace()).isFalse();
        }
        assertThat(directory.resolve("llm-onnx")).doesNotExist();
        assertThat(used.resolve("model.onnx")).doesNotExist();
    }

    static final List<String> TEXTS = List.of("hello", "where is my refund?", ("a long text about the weather and the football match ").repeat(40));

    static double maxDifference(float[][] a, float[][] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
        }
        return worst;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) Files.copy(file, to.resolve(from.relativize(file).toString()));
        }
    }

    /** The run's zero-local candidate copied to {@code name}, its llm.json's provider node changed by {@code change}. */
    private static Path copyOfTheLocalCandidate(String name, Consumer<ObjectNode> change) throws IOException {
        Path candidate = Files.createDirectories(directory.resolve(name));
        for (String file : List.of("candidate.json", "llm.json")) {
            Files.copy(run.resolve("candidates/zero-local").resolve(file), candidate.resolve(file));
        }
        ObjectNode llm = (ObjectNode) Json.MAPPER.readTree(candidate.resolve("llm.json").toFile());
        change.accept((ObjectNode) llm.path("provider"));
        Json.PRETTY.writeValue(candidate.resolve("llm.json").toFile(), llm);
        return candidate;
    }
}
