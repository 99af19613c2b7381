package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.engine.gguf.DecoderGgufExport;
import dev.hone.engine.gguf.GgufTensorType;
import dev.hone.engine.gguf.WriteProgress;
import dev.hone.local.ChatModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hone export --format gguf} on the random Llama fixture with a ChatML tokenizer folder. */
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
        CliRunner result = CliRunner.run("export", directory.toString(), "--format", "onnx", "--out", "x.onnx");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--format onnx is not supported: hone export writes gguf");
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

    @Test
    void helpNamesTheFormatAndTheTypes() {
        CliRunner result = CliRunner.run("export", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--format", "gguf", "--type", "f32, f16 (default), bf16", "q8_0", "--out", "llama.cpp and Ollama");
    }
}
