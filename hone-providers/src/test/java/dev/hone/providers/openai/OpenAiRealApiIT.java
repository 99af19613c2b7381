package dev.hone.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ChatResponse;
import dev.hone.provider.ProviderConfig;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Against the real OpenAI API: opt-in, so never part of the default (offline) suite. Surefire
 * skips {@code *IT} classes; run it with
 * {@code OPENAI_API_KEY=… ./mvnw -o -q -pl hone-providers -am verify -Dtest=OpenAiRealApiIT -Dsurefire.failIfNoSpecifiedTests=false}
 * (model from {@code HONE_IT_MODEL}, default gpt-4o-mini). Without the key it is reported as skipped, not passed.
 */
class OpenAiRealApiIT {
    @Test
    void classifiesOneTextAndReportsUsage() {
        // In the test, not @BeforeAll, so surefire counts it as skipped (visibly) rather than as nothing run.
        String key = System.getenv("OPENAI_API_KEY");
        Assumptions.assumeTrue(key != null && !key.isBlank(), "OPENAI_API_KEY is not set: the real-API test is skipped");
        String model = System.getenv().getOrDefault("HONE_IT_MODEL", "gpt-4o-mini");
        ProviderConfig config = new ProviderConfig("openai-it", "openai", URI.create("https://api.openai.com/v1"), model,
                "OPENAI_API_KEY", 2, 60, 60, 3, 0, 0, null);
        try (OpenAiProvider provider = new OpenAiProvider(config)) {
            ChatResponse response = provider.chat(new ChatRequest(List.of(
                    ChatMessage.system("Reply with exactly one word from: refund, shipping, login."),
                    ChatMessage.user("Text: my parcel has not arrived yet")), 0, 5, 1));
            assertThat(response.text().strip().toLowerCase(java.util.Locale.ROOT)).startsWith("shipping");
            assertThat(response.usage().inputTokens()).isPositive();
            assertThat(response.usage().outputTokens()).isPositive();
        }
    }
}
