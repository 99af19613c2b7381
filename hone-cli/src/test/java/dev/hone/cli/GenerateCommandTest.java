package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.engine.kernel.ReferenceKernels;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.json.Json;
import dev.hone.local.ChatModelFolder;
import dev.hone.local.FinishReason;
import dev.hone.local.LocalCompletion;
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

    private static final List<ChatMessage> QUESTION = List.of(ChatMessage.user("Where is my parcel?"));

    private static JsonNode json(CliRunner result) throws Exception {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return Json.MAPPER.readTree(result.out());
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) values[i] = array.get(i).asInt();
        return values;
    }

    @Test
    void jsonPrintsTheTextTheIdsTheLogprobsAndWhyItEnded() throws Exception {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));
        LocalModel model = LocalModel.load(folder, new ReferenceKernels());
        LocalCompletion expected = model.complete(QUESTION, new GenerationSettings(6, 0.9, 0.95, 40, 11, List.of()), null);

        JsonNode root = json(CliRunner.run("generate", folder.toString(), "Where is my parcel?", "--max-tokens", "6", "--temperature", "0.9",
                "--top-p", "0.95", "--top-k", "40", "--seed", "11", "--json"));

        assertThat(root.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("text", "prompt_token_ids", "token_ids", "logprobs", "finish_reason");
        assertThat(ints(root.get("prompt_token_ids"))).isEqualTo(model.promptTokens(QUESTION));
        assertThat(ints(root.get("token_ids"))).isEqualTo(expected.tokenIds());
        assertThat(root.get("text").asText()).isEqualTo(expected.text());
        assertThat(root.get("logprobs")).hasSize(expected.tokenIds().length);
        for (int i = 0; i < expected.logprobs().length; i++) {
            assertThat(root.get("logprobs").get(i).asDouble()).isCloseTo(expected.logprobs()[i], org.assertj.core.data.Offset.offset(1e-3));
        }
        assertThat(root.get("finish_reason").asText()).isEqualTo(expected.finishReason() == FinishReason.STOP ? "stop" : "length");
    }

    @Test
    void rawContinuesThePromptAsItIsAndAStopStringCutsTheAnswer() throws Exception {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));
        LocalModel model = LocalModel.load(folder, new ReferenceKernels());
        String prompt = "The manual is in";
        String whole = model.completeRaw(prompt, GenerationSettings.greedy(20), null).text();
        String stop = whole.substring(3, 5);

        JsonNode root = json(CliRunner.run("generate", folder.toString(), prompt, "--raw", "--max-tokens", "20", "--stop", stop, "--json"));

        assertThat(ints(root.get("prompt_token_ids"))).isEqualTo(model.tokenizer().encode(prompt));
        assertThat(root.get("text").asText()).isEqualTo(whole.substring(0, whole.indexOf(stop)));
        assertThat(root.get("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void theTextIsStreamedAndTopKOfOneIsGreedy() {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));
        String greedy = LocalModel.load(folder, new ReferenceKernels()).complete(QUESTION, GenerationSettings.greedy(8), null).text();

        CliRunner result = CliRunner.run("generate", folder.toString(), "Where is my parcel?", "--max-tokens", "8", "--temperature", "1.3",
                "--top-k", "1", "--seed", "5");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(greedy + System.lineSeparator());
    }

    @Test
    void flagsOutOfRangeAreRefusedByName() {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));
        String model = folder.toString();

        assertThat(CliRunner.run("generate", model, "Hi", "--top-p", "0").err()).contains("--top-p must be within (0, 1]");
        assertThat(CliRunner.run("generate", model, "Hi", "--top-k", "-1").err()).contains("--top-k must be ≥ 0");
        assertThat(CliRunner.run("generate", model, "Hi", "--max-tokens", "0").err()).contains("--max-tokens must be ≥ 1");
        CliRunner both = CliRunner.run("generate", model, "Hi", "--raw", "--system", "Be brief.");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--system and --raw cannot be combined");
    }

    @Test
    void helpExplainsEveryFlag() {
        CliRunner result = CliRunner.run("generate", "--help");

        assertThat(result.exitCode()).isZero();
        for (String flag : List.of("--system", "--raw", "--max-tokens", "--max-new-tokens", "--temperature", "--top-p", "--top-k", "--seed",
                "--stop", "--json")) {
            assertThat(result.out()).contains(flag);
        }
    }
}
