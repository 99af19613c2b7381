package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.gguf.DecoderGgufExport;
import dev.hone.engine.gguf.GgufTensorType;
import dev.hone.engine.gguf.WriteProgress;
import dev.hone.json.Json;
import dev.hone.local.ChatModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone export CANDIDATE_DIR --format gguf} on the candidates of one real {@code hone run}
 * (the random Llama fixture as a {@code type: local} provider beside an encoder strategy): an LLM
 * candidate exports the model folder its provider names; an encoder candidate, and an LLM candidate
 * on a remote provider, are refused with which candidates can be exported.
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
