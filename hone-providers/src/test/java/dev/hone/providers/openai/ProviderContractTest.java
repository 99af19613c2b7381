package dev.hone.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ChatResponse;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every provider must do against an OpenAI-compatible server: answer with text and usage,
 * serve repeats from the cache, bound its concurrency, and fail with a message that never holds
 * the key. A provider implementation extends this and says how it is built.
 */
abstract class ProviderContractTest {
    static final String KEY_ENV = "HONE_TEST_API_KEY";
    static final String KEY = System.getenv(KEY_ENV);

    @TempDir
    Path cacheDirectory;
    OpenAiTestServer server;

    /** The provider under test, talking to baseUrl, key from keyEnv, caching under cache (null: none). */
    abstract Provider provider(URI baseUrl, String keyEnv, int maxConcurrency, Path cache);

    @BeforeEach
    void startServer() throws Exception {
        server = new OpenAiTestServer(ProviderContractTest::echoLastWordUpperCase, KEY);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static String echoLastWordUpperCase(JsonNode body) {
        JsonNode messages = body.get("messages");
        String[] words = messages.get(messages.size() - 1).get("content").asText().strip().split("\\s+");
        try {
            Thread.sleep(30); // long enough for concurrent calls to overlap
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return words[words.length - 1].toUpperCase(java.util.Locale.ROOT);
    }

    static ChatRequest ask(String text) {
        return new ChatRequest(List.of(ChatMessage.system("Repeat the last word in capitals."), ChatMessage.user(text)), 0, 16, 1);
    }

    @Test
    void answersWithTextAndTokenUsage() {
        assertThat(KEY).as("surefire sets " + KEY_ENV).isNotBlank();
        try (Provider provider = provider(server.baseUrl(), KEY_ENV, 4, null)) {
            ChatResponse response = provider.chat(ask("please repeat hello"));
            assertThat(response.text()).isEqualTo("HELLO");
            assertThat(response.cached()).isFalse();
            assertThat(response.usage().inputTokens()).isEqualTo(6 + 3 + 4 + 4); // words + 4 per message, as the server counts
            assertThat(response.usage().outputTokens()).isEqualTo(1);
            JsonNode sent = server.bodies().get(0);
            assertThat(sent.get("model").asText()).isEqualTo("test-model");
            assertThat(sent.get("messages").get(0).get("role").asText()).isEqualTo("system");
            assertThat(sent.get("max_tokens").asInt()).isEqualTo(16);
        }
    }

    @Test
    void aRepeatedRequestIsServedFromTheCacheAcrossInstances() {
        try (Provider first = provider(server.baseUrl(), KEY_ENV, 4, cacheDirectory)) {
            ChatResponse asked = first.chat(ask("one two"));
            assertThat(asked.cached()).isFalse();
            assertThat(asked.latencyMillis()).as("the server sleeps 30 ms per answer").isGreaterThanOrEqualTo(30);
            ChatResponse again = first.chat(ask("one two"));
            assertThat(again.latencyMillis()).as("a cached answer keeps the time it first took").isEqualTo(asked.latencyMillis());
            assertThat(again.cached()).isTrue();
            assertThat(again.text()).isEqualTo("TWO");
            assertThat(again.usage().outputTokens()).as("the usage it cost when first asked").isEqualTo(1);
        }
        try (Provider second = provider(server.baseUrl(), KEY_ENV, 4, cacheDirectory)) {
            assertThat(second.chat(ask("one two")).text()).isEqualTo("TWO");
            assertThat(second.chat(ask("one three")).cached()).as("a different request is not a hit").isFalse();
        }
        assertThat(server.requests()).isEqualTo(2);
        try (Provider uncached = provider(server.baseUrl(), KEY_ENV, 4, null)) {
            assertThat(uncached.chat(ask("one two")).cached()).isFalse();
        }
        assertThat(server.requests()).isEqualTo(3);
    }

    @Test
    void concurrencyStaysWithinTheLimitAndEveryCallIsAnswered() throws Exception {
        List<Future<ChatResponse>> answers = new ArrayList<>();
        try (Provider provider = provider(server.baseUrl(), KEY_ENV, 3, null);
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 24; i++) {
                String word = "w" + i;
                answers.add(callers.submit(() -> provider.chat(ask("say " + word))));
            }
            for (int i = 0; i < answers.size(); i++) assertThat(answers.get(i).get().text()).isEqualTo("W" + i);
        }
        assertThat(server.mostInFlight()).isBetween(1, 3);
        assertThat(server.requests()).isEqualTo(24);
    }

    @Test
    void aRejectedKeyFailsAtOnceWithoutShowingTheKey() throws Exception {
        try (OpenAiTestServer strict = new OpenAiTestServer(body -> "x", "sk-some-other-key");
             Provider provider = provider(strict.baseUrl(), KEY_ENV, 2, null)) {
            assertThatThrownBy(() -> provider.chat(ask("hi")))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("401").hasMessageContaining(KEY_ENV)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
            assertThat(strict.requests()).as("401 is not retried").isEqualTo(1);
            assertThat(strict.rawRequests().get(0)).contains("Bearer " + KEY);
        }
    }

    @Test
    void anUnsetKeyVariableIsNamedInTheError() {
        try (Provider provider = provider(server.baseUrl(), "HONE_TEST_KEY_THAT_IS_NOT_SET", 2, null)) {
            assertThatThrownBy(() -> provider.chat(ask("hi"))).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("HONE_TEST_KEY_THAT_IS_NOT_SET is not set");
        }
        assertThat(server.requests()).isZero();
    }
}
