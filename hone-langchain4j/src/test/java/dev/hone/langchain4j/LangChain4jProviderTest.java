package dev.hone.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ChatResponse;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.ProviderException;
import dev.hone.provider.Providers;
import dev.hone.provider.Usage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Anthropic and Gemini chat models as {@code type: langchain4j} providers against a local fake
 * of each vendor's API: answers with token usage, retries, the concurrency limit, the cache, and a
 * key that travels only in the vendor's header and never reaches a message.
 */
class LangChain4jProviderTest {
    static final String KEY_ENV = "HONE_TEST_API_KEY";
    static final String KEY = System.getenv(KEY_ENV);

    @TempDir
    Path cacheDirectory;
    FakeVendorServer server;

    @BeforeEach
    void start() throws Exception {
        assertThat(KEY).as("surefire sets " + KEY_ENV).isNotBlank();
        server = new FakeVendorServer(user -> "echo: " + user);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ProviderConfig config(String chatModel, int maxConcurrency, Path cache, Map<String, String> settings) {
        String url = chatModel.equals("anthropic") ? server.anthropicUrl() : server.geminiUrl();
        String model = chatModel.equals("anthropic") ? "claude-3-5-haiku-latest" : "gemini-2.0-flash";
        return new ProviderConfig("vendor", "langchain4j", URI.create(url), model, KEY_ENV, maxConcurrency, 60_000, 10, 3,
                0.8, 4.0, 0, cache, chatModel, settings);
    }

    private LangChain4jProvider provider(String chatModel, int maxConcurrency, Path cache) {
        return new LangChain4jProvider(config(chatModel, maxConcurrency, cache, Map.of()), Duration.ofMillis(5));
    }

    private static ChatRequest ask(String text) {
        return new ChatRequest(List.of(ChatMessage.system("Answer briefly."), ChatMessage.user(text)), 0, 32, 1);
    }

    @Test
    void anthropicAnswersWithTokenUsageAndTheKeyOnlyInItsHeader() {
        try (LangChain4jProvider provider = provider("anthropic", 4, null)) {
            ChatResponse response = provider.chat(new ChatRequest(List.of(ChatMessage.system("Be brief."), ChatMessage.user("first question"),
                    ChatMessage.assistant("first answer"), ChatMessage.user("hello there")), 0.5, 64, 7));

            assertThat(response.text()).isEqualTo("echo: hello there");
            assertThat(response.cached()).isFalse();
            assertThat(response.usage().inputTokens()).isPositive();
            assertThat(response.usage().outputTokens()).isEqualTo(3);
            assertThat(provider.usageSent()).isEqualTo(response.usage());
        }
        var body = server.bodies().get(0);
        assertThat(body.path("model").asText()).isEqualTo("claude-3-5-haiku-latest");
        assertThat(body.path("system").toString()).contains("Be brief.");
        assertThat(body.path("messages")).hasSize(3);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(server.headerLines()).contains("x-api-key: " + KEY);
        assertThat(server.headerLines().stream().filter(h -> h.contains(KEY))).hasSize(1);
    }

    @Test
    void geminiAnswersWithTokenUsageAndTheKeyOnlyInItsHeader() {
        try (LangChain4jProvider provider = provider("gemini", 4, null)) {
            ChatResponse response = provider.chat(ask("what is the capital of France"));

            assertThat(response.text()).isEqualTo("echo: what is the capital of France");
            assertThat(response.usage()).isEqualTo(new Usage(response.usage().inputTokens(), 7));
            assertThat(response.usage().inputTokens()).isPositive();
        }
        var body = server.bodies().get(0);
        assertThat(body.path("generationConfig").path("maxOutputTokens").asInt()).isEqualTo(32);
        assertThat(body.toString()).contains("Answer briefly.").doesNotContain(KEY);
        assertThat(server.headerLines().stream().filter(h -> h.contains(KEY)).toList()).containsExactly("x-goog-api-key: " + KEY);
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedThenAnswered() {
        server.failNext(429, 500, 503);
        try (LangChain4jProvider provider = provider("anthropic", 4, null)) {
            assertThat(provider.chat(ask("again")).text()).isEqualTo("echo: again");
            assertThat(provider.requestsSent()).as("LangChain4j's own retries are off: one request per attempt").isEqualTo(4);
        }
        assertThat(server.requests()).isEqualTo(4);

        server.failNext(429, 500);
        try (LangChain4jProvider provider = provider("gemini", 4, null)) {
            assertThat(provider.chat(ask("gemini again")).text()).isEqualTo("echo: gemini again");
        }
        assertThat(server.requests()).isEqualTo(7);
    }

    @Test
    void givesUpAfterMaxRetriesNamingTheLastProblem() {
        server.failNext(500, 500, 500, 500, 500);
        try (LangChain4jProvider provider = provider("anthropic", 4, null)) {
            assertThatThrownBy(() -> provider.chat(ask("never")))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("gave up after 4 attempts")
                    .hasMessageContaining("overloaded");
        }
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void aRefusedRequestFailsAtOnceAndItsMessageNeverHoldsTheKey() {
        server.errorMessage("invalid x-api-key: " + KEY);
        server.failNext(401);
        try (LangChain4jProvider provider = provider("anthropic", 4, null)) {
            assertThatThrownBy(() -> provider.chat(ask("who am I")))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("provider 'vendor'")
                    .hasMessageContaining("check that " + KEY_ENV + " holds a valid key")
                    .satisfies(e -> {
                        for (Throwable t = e; t != null; t = t.getCause()) assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
                    });
        }
        assertThat(server.requests()).as("a refused key is not retried").isEqualTo(1);
    }

    @Test
    void anUnsetKeyVariableIsNamedNotGuessed() {
        ProviderConfig config = new ProviderConfig("vendor", "langchain4j", URI.create(server.anthropicUrl()), "claude", "HONE_UNSET_KEY_VARIABLE",
                2, 600, 10, 0, 0, 0, 0, null, "anthropic", Map.of());
        try (Provider provider = Providers.create(config)) {
            assertThat(provider).isInstanceOf(LangChain4jProvider.class);
            assertThatThrownBy(() -> provider.chat(ask("x"))).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("environment variable HONE_UNSET_KEY_VARIABLE is not set");
        }
        assertThat(server.requests()).isZero();
    }

    @Test
    void holdsItsConcurrencyLimit() throws Exception {
        server.delayMillis(60);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (LangChain4jProvider provider = provider("gemini", 2, null)) {
            List<Future<ChatResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String question = "question " + i;
                answers.add(callers.submit(() -> provider.chat(ask(question))));
            }
            for (int i = 0; i < answers.size(); i++) assertThat(answers.get(i).get().text()).isEqualTo("echo: question " + i);
        } finally {
            callers.shutdownNow();
        }
        assertThat(server.requests()).isEqualTo(8);
        assertThat(server.mostInFlight()).isBetween(1, 2);
    }

    @Test
    void theSecondIdenticalRequestIsServedFromTheCache() {
        Path cache = cacheDirectory.resolve("llm");
        try (LangChain4jProvider provider = provider("anthropic", 4, cache)) {
            ChatResponse first = provider.chat(ask("cache me"));
            ChatResponse second = provider.chat(ask("cache me"));
            assertThat(second.cached()).isTrue();
            assertThat(second.text()).isEqualTo(first.text());
            assertThat(second.usage()).isEqualTo(first.usage());
            assertThat(provider.cacheHits()).isEqualTo(1);
            provider.chat(ask("cache me, but differently"));
        }
        assertThat(server.requests()).isEqualTo(2);
        try (LangChain4jProvider again = provider("anthropic", 4, cache)) {
            assertThat(again.chat(ask("cache me")).cached()).as("the cache outlives the provider").isTrue();
            // Another vendor's model is another answer, though the question is the same.
            assertThat(provider("gemini", 4, cache).chat(ask("cache me")).cached()).isFalse();
        }
        assertThat(server.requests()).isEqualTo(3);
    }

    @Test
    void settingsAreBuilderCallsConvertedToTheirTypes() {
        ProviderConfig config = config("anthropic", 2, null, Map.of("maxTokens", "512", "topK", "40", "logRequests", "false"));
        assertThat(ChatModelBuilder.problems(config)).isEmpty();
        try (LangChain4jProvider provider = new LangChain4jProvider(config, Duration.ofMillis(5))) {
            provider.chat(new ChatRequest(List.of(ChatMessage.user("settings")), 0, 16, 1));
        }
        assertThat(server.bodies().get(0).path("top_k").asInt()).isEqualTo(40);
        assertThat(server.bodies().get(0).path("max_tokens").asInt()).as("the request's own max tokens win").isEqualTo(16);

        assertThat(ChatModelBuilder.convert("2.5", Duration.class)).contains(Duration.ofMillis(2500));
        assertThat(ChatModelBuilder.convert("yes", Boolean.class)).isEmpty();
        assertThat(ChatModelBuilder.convert("12", long.class)).contains(12L);
    }
}
