package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.engine.decoder.AdapterMerge;
import dev.hone.engine.gguf.DecoderGgufExport;
import dev.hone.engine.gguf.GgufTensorType;
import dev.hone.engine.gguf.WriteProgress;
import dev.hone.local.ChatModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone export --format gguf} on the random Llama fixture with a ChatML tokenizer folder, and
 * {@code --merge} of the Qwen2 fixture's LoRA adapter into that fixture as GGUF and as a Hugging Face folder.
 */
class ExportCommandTest {
    @TempDir
    Path directory;

    @Test
    void writesTheGgufFileTheLibraryWritesAndSaysWhere() throws Exception {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));
        Path out = directory.resolve("m-q8_0.gguf");
        Path expected = directory.resolve("expected.gguf");
        DecoderGgufExport.of(folder, GgufTensorType.Q8_0).writeTo(expected, WriteProgress.SILENT);

        CliRunner result = CliRunner.run("export", folder.toString(), "--format", "gguf", "--type", "q8_0", "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(expected));
        assertThat(result.out()).contains("hone: wrote " + out + " (GGUF q8_0, architecture llama,");
        assertThat(result.err()).contains("export");
        assertThat(Files.exists(directory.resolve("m-q8_0.gguf.partial"))).isFalse();
    }

    @Test
    void theTypeDefaultsToF16() throws Exception {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));
        Path out = directory.resolve("m.gguf");

        CliRunner result = CliRunner.run("export", folder.toString(), "--format", "gguf", "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("(GGUF f16,");
    }

    @Test
    void anotherFormatIsRefusedNamingTheOneThereIs() {
        CliRunner result = CliRunner.run("export", directory.toString(), "--format", "tflite", "--out", "x.tflite");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--format tflite is not supported: hone export writes gguf")
                .contains("and onnx (a candidate's sentence encoder, for ONNX Runtime)");
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.printedStackTrace()).isFalse();
    }

    @Test
    void anUnknownTypeIsRefused() {
        CliRunner result = CliRunner.run("export", directory.toString(), "--format", "gguf", "--type", "q4_0", "--out", "x.gguf");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--type q4_0 is not a GGUF type: use f32, f16, q8_0 or bf16");
    }

    @Test
    void aFolderWithoutConfigIsNotADecoderFolder() {
        CliRunner result = CliRunner.run("export", directory.toString(), "--format", "gguf", "--out",
                directory.resolve("x.gguf").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("has no config.json: GGUF export reads a Hugging Face decoder folder");
        assertThat(result.printedStackTrace()).isFalse();
    }

    @Test
    void aSentencePieceStyleTokenizerIsRefusedWithWhatIsSupported() throws Exception {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));
        Path tokenizer = folder.resolve("tokenizer.json");
        Files.writeString(tokenizer, Files.readString(tokenizer).replace("\"byte_fallback\":false", "\"byte_fallback\":true"));

        CliRunner result = CliRunner.run("export", folder.toString(), "--format", "gguf", "--out", directory.resolve("x.gguf").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is a BPE (with byte fallback) tokenizer; Hone exports byte-level BPE tokenizers");
    }

    @Test
    void anOutputInAMissingFolderIsRefusedBeforeAnythingIsWritten() {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));
        Path out = directory.resolve("missing").resolve("x.gguf");

        CliRunner result = CliRunner.run("export", folder.toString(), "--format", "gguf", "--out", out.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("cannot write " + out + ": the folder " + out.getParent() + " does not exist");
        assertThat(result.printedStackTrace()).isFalse();
    }

    /** A ChatML folder "base" over the Qwen2 fixture, and "tuned": its LoRA fixture naming "base" as its base model. */
    private Path tunedCandidate() throws Exception {
        ChatModelFolder.chatMl(directory.resolve("base"), "qwen2-bias-f16");
        Path tuned = Files.createDirectories(directory.resolve("tuned"));
        Path fixture = ChatModelFolder.FIXTURES.resolve("qwen2-bias-f16-lora");
        Files.copy(fixture.resolve("adapter_model.safetensors"), tuned.resolve("adapter_model.safetensors"));
        Files.writeString(tuned.resolve("adapter_config.json"), Files.readString(fixture.resolve("adapter_config.json"))
                .replace("\"qwen2-bias-f16\"", "\"base\""));
        return tuned;
    }

    @Test
    void aTunedCandidateMergesIntoItsBaseAsGguf() throws Exception {
        Path tuned = tunedCandidate();
        Path out = directory.resolve("tuned.gguf");
        Path expected = directory.resolve("expected.gguf");
        Path unmerged = directory.resolve("base.gguf");
        DecoderGgufExport.merged(AdapterMerge.load(directory.resolve("base"), tuned), GgufTensorType.F16).writeTo(expected, WriteProgress.SILENT);
        DecoderGgufExport.of(directory.resolve("base"), GgufTensorType.F16).writeTo(unmerged, WriteProgress.SILENT);

        CliRunner result = CliRunner.run("export", tuned.toString(), "--format", "gguf", "--merge", "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(expected)).isNotEqualTo(Files.readAllBytes(unmerged));
        assertThat(result.out()).contains("hone: wrote " + out + " (GGUF f16, architecture qwen2, " + tuned + " merged,");
    }

    @Test
    void aBaseAndAnAdapterMergeIntoAHuggingFaceFolder() throws Exception {
        Path tuned = tunedCandidate();
        Path out = directory.resolve("merged");

        CliRunner result = CliRunner.run("export", directory.resolve("base").toString(), "--adapter", tuned.toString(),
                "--format", "hf", "--merge", "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(out.resolve("model.safetensors")).exists();
        assertThat(Files.readString(out.resolve("tokenizer.json"))).isEqualTo(Files.readString(directory.resolve("base/tokenizer.json")));
        assertThat(Files.readString(out.resolve("config.json"))).isEqualTo(Files.readString(directory.resolve("base/config.json")));
        assertThat(result.out()).contains("hone: wrote " + out + " (Hugging Face folder: " + tuned + " merged into ");
    }

    @Test
    void anAdapterWithoutMergeIsRefusedSayingToAddIt() throws Exception {
        Path tuned = tunedCandidate();

        CliRunner result = CliRunner.run("export", tuned.toString(), "--format", "gguf", "--out", directory.resolve("x.gguf").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(tuned + " is a LoRA adapter: add --merge");
        assertThat(result.printedStackTrace()).isFalse();
    }

    @Test
    void mergeWithoutAnAdapterAndHfWithoutMergeAreRefused() {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));

        CliRunner merge = CliRunner.run("export", folder.toString(), "--format", "gguf", "--merge", "--out", directory.resolve("x.gguf").toString());
        CliRunner hf = CliRunner.run("export", folder.toString(), "--format", "hf", "--out", directory.resolve("x").toString());

        assertThat(merge.exitCode()).isEqualTo(2);
        assertThat(merge.err()).contains("--merge needs an adapter: " + folder + " has no adapter_config.json");
        assertThat(hf.exitCode()).isEqualTo(2);
        assertThat(hf.err()).contains("--format hf writes a tuned model merged: add --merge");
    }

    @Test
    void helpNamesTheFormatAndTheTypes() {
        CliRunner result = CliRunner.run("export", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--format", "gguf", "--type", "f32, f16 (default), bf16", "q8_0", "--out", "llama.cpp and Ollama")
                .contains("--format onnx: the sentence encoder of a candidate", "last_hidden_state and sentence_embedding",
                        "--format onnx --out lora-r8-onnx");
    }
}
