package dev.hone.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.engine.model.Encoders;
import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ChatResponse;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.Providers;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProviderTest {
    private static final ChatRequest REQUEST = new ChatRequest(List.of(ChatMessage.user("Is the refund due?")), 0, 6, 0);

    @TempDir
    Path directory;

    private ProviderConfig config(Path folder) {
        return new ProviderConfig("tiny", "local", URI.create("http://localhost"), folder.toString(), "", 1, 1, 1, 0, 0, 0, null);
    }

    @Test
    void chatCountsThePromptAfterTheTemplateAndEveryGeneratedToken() {
        LocalModel model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("m")), new ReferenceKernels());
        Provider provider = new LocalProvider(config(model.folder()), model);
        LocalCompletion expected = model.complete(REQUEST.messages(), GenerationSettings.greedy(6), null);

        ChatResponse response = provider.chat(REQUEST);

        assertThat(response.text()).isEqualTo(expected.text());
        assertThat(response.usage().inputTokens()).isEqualTo(model.promptTokens(REQUEST.messages()).length);
        assertThat(response.usage().outputTokens()).isEqualTo(expected.tokenIds().length);
        assertThat(response.cached()).isFalse();
    }

    @Test
    void typeLocalIsFoundThroughTheServiceAndSharesOneModelPerFolder() {
        Path folder = ChatModelFolder.chatMl(directory.resolve("m"));

        try (Provider first = Providers.create(config(folder)); Provider second = Providers.create(config(folder))) {
            assertThat(first).isInstanceOf(LocalProvider.class);
            assertThat(first.chat(REQUEST).text()).isEqualTo(second.chat(REQUEST).text());
            assertThat(((LocalProvider) first).model()).isSameAs(((LocalProvider) second).model());
        }
    }

    /** How a fine-tuned model is asked: through its base model's provider, the request naming the tuned folder. */
    @Test
    void aRequestNamingAnotherFolderIsAnsweredByThatModel() {
        LocalModel model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("m")), Encoders.defaultKernels());
        Path other = ChatModelFolder.chatMl(directory.resolve("other"), "qwen2-bias-f16");
        LocalProvider provider = new LocalProvider(config(model.folder()), model);
        String base = model.complete(REQUEST.messages(), GenerationSettings.greedy(6), null).text();
        String expected = LocalModel.load(other, Encoders.defaultKernels()).complete(REQUEST.messages(), GenerationSettings.greedy(6), null).text();

        assertThat(provider.chat(REQUEST.withModel(other.toString())).text()).isEqualTo(expected).isNotEqualTo(base);
        assertThat(provider.chat(REQUEST.withModel(model.folder().toString())).text()).isEqualTo(base);
        assertThat(provider.chat(REQUEST).text()).isEqualTo(base);
    }

    @Test
    void concurrentRequestsAndScoringsGetTheAnswersTheyGetAlone() throws Exception {
        LocalModel model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("m")), new ReferenceKernels());
        LocalProvider provider = new LocalProvider(config(model.folder()), model);
        List<ChatRequest> requests = List.of(REQUEST, new ChatRequest(List.of(ChatMessage.user("Where is my parcel?")), 0.9, 6, 4),
                new ChatRequest(List.of(ChatMessage.user("Reset my password")), 0, 5, 0));
        List<String> alone = requests.stream().map(r -> provider.chat(r).text()).toList();
        double[] scoredAlone = provider.scoreContinuations(REQUEST.messages(), List.of("yes", "no")).logProbabilities();

        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            List<java.util.concurrent.Future<double[]>> scores = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                for (ChatRequest request : requests) answers.add(threads.submit(() -> provider.chat(request).text()));
                scores.add(threads.submit(() -> provider.scoreContinuations(REQUEST.messages(), List.of("yes", "no")).logProbabilities()));
            }
            for (int i = 0; i < answers.size(); i++) assertThat(answers.get(i).get()).isEqualTo(alone.get(i % requests.size()));
            for (var score : scores) assertThat(score.get()).containsExactly(scoredAlone);
        }
    }
}
