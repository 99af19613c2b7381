package dev.hone.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ProviderException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries and give-ups against scripted failures of the test server. */
class OpenAiProviderFailuresTest {
    private static final String KEY_ENV = ProviderContractTest.KEY_ENV;
    private OpenAiTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiTestServer(body -> "billing", ProviderContractTest.KEY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiProvider provider(int timeoutSeconds, int maxRetries) {
        return new OpenAiProvider(OpenAiProviderContractTest.config(server.baseUrl(), KEY_ENV, 2, timeoutSeconds, maxRetries, null),
                Duration.ofMillis(5));
    }

    private static ChatRequest request() {
        return new ChatRequest(List.of(ChatMessage.user("My card was charged twice")), 0, 8, 3);
    }

    @Test
    void rateLimitedThenAnswered() {
        server.enqueue(new OpenAiTestServer.Status(429, "0.05", "Rate limit reached for requests"));
        OpenAiProvider provider = provider(10, 3);
        assertThat(provider.chat(request()).text()).isEqualTo("billing");
        assertThat(server.requests()).isEqualTo(2);
        assertThat(provider.requestsSent()).isEqualTo(2);
    }

    @Test
    void serverErrorsAreRetriedThenGivenUpWithTheLastProblem() {
        for (int i = 0; i < 3; i++) server.enqueue(new OpenAiTestServer.Status(500, null, "The server had an error"));
        assertThatThrownBy(() -> provider(10, 2).chat(request())).isInstanceOf(ProviderException.class)
                .hasMessageContaining("gave up after 3 attempts").hasMessageContaining("HTTP 500 (The server had an error)")
                .hasMessageContaining("provider 'teacher'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ProviderContractTest.KEY));
        assertThat(server.requests()).isEqualTo(3);
    }

    @Test
    void aSlowAnswerTimesOutAndTheRetryIsAnswered() {
        server.enqueue(new OpenAiTestServer.Slow(3_000, "too late"));
        assertThat(provider(1, 2).chat(request()).text()).isEqualTo("billing");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void truncatedAndMalformedAnswersAreRetried() {
        server.enqueue(new OpenAiTestServer.Raw("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assis"),
                new OpenAiTestServer.Raw("<html>Bad gateway</html>"),
                new OpenAiTestServer.Raw("{\"choices\":[]}"));
        assertThat(provider(10, 3).chat(request()).text()).isEqualTo("billing");
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void aWrongBaseUrlGetsAHintAndNoRetry() {
        URI wrong = URI.create(server.baseUrl().toString().replace("/v1", "/v2"));
        OpenAiProvider provider = new OpenAiProvider(OpenAiProviderContractTest.config(wrong, KEY_ENV, 1, 10, 3, null), Duration.ofMillis(5));
        assertThatThrownBy(() -> provider.chat(request())).hasMessageContaining("HTTP 404").hasMessageContaining("check base_url");
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void nobodyListeningIsAConnectionFailureAfterRetries() throws Exception {
        URI closed;
        try (OpenAiTestServer gone = new OpenAiTestServer(body -> "x", null)) {
            closed = gone.baseUrl();
        }
        OpenAiProvider provider = new OpenAiProvider(OpenAiProviderContractTest.config(closed, "", 1, 2, 1, null), Duration.ofMillis(5));
        assertThatThrownBy(() -> provider.chat(request())).hasMessageContaining("gave up after 2 attempts")
                .hasMessageContaining("connection failed").satisfies(e -> assertThat(e.getMessage()).doesNotContain("null"));
    }

    @Test
    void samplingSendsTheSeedAndGreedyDecodingDoesNot() {
        OpenAiProvider provider = provider(10, 0);
        assertThat(provider.body(request())).doesNotContain("seed");
        assertThat(provider.body(new ChatRequest(request().messages(), 0.7, 8, 3))).contains("\"seed\":3");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() throws Exception {
        assertThat(retryAfterOf("2")).contains(Duration.ofSeconds(2));
        assertThat(retryAfterOf("100000")).contains(Duration.ofMinutes(2));
        assertThat(retryAfterOf("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(retryAfterOf("soon")).isEmpty();
    }

    private static java.util.Optional<Duration> retryAfterOf(String value) {
        var headers = java.net.http.HttpHeaders.of(java.util.Map.of("Retry-After", List.of(value)), (a, b) -> true);
        java.net.http.HttpResponse<String> response = new FakeResponse(headers);
        return OpenAiProvider.retryAfter(response);
    }
}
