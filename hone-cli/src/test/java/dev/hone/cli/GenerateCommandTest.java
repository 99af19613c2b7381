package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.local.ChatModelFolder;
import dev.hone.local.GenerationSettings;
import dev.hone.local.LocalModel;
import dev.hone.provider.ChatMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hone generate} on the random Llama fixture with a ChatML tokenizer folder. */
class GenerateCommandTest {
    @TempDir
    Path directory;

    @Test
    void printsTheGreedyAnswerAndTheTokenCountsWithSpeed() {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));
        List<ChatMessage> messages = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Where is my parcel?"));
        String expected = LocalModel.load(folder, new ReferenceKernels()).complete(messages, GenerationSettings.greedy(5), null).text();

        CliRunner result = CliRunner.run("generate", folder.toString(), "Where is my parcel?", "--system", "Be brief.",
                "--max-new-tokens", "5");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(expected + System.lineSeparator());
        assertThat(result.err()).matches("(?s)\\d+ prompt tokens, 5 generated in .* tokens/s.*\\R");
    }

    @Test
    void aFolderWithoutTokenizerIsABadInputNamingTheFile() throws Exception {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));
        Files.delete(folder.resolve("tokenizer.json"));

        CliRunner result = CliRunner.run("generate", folder.toString(), "Hello");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("tokenizer.json is missing");
        assertThat(result.printedStackTrace()).isFalse();
    }

    @Test
    void aTemperatureOutOfRangeIsRefused() {
        CliRunner result = CliRunner.run("generate", directory.toString(), "Hello", "--temperature", "3");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--temperature must be within [0, 2]");
    }
}
