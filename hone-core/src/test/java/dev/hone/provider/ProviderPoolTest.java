package dev.hone.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderPoolTest {
    private static ProviderConfig entry(String name, String model, int maxConcurrency) {
        return new ProviderConfig(name, "openai", URI.create("http://127.0.0.1:1/v1"), model, "", maxConcurrency, 500, 60, 0, 0, 0, null);
    }

    /** Records what it was asked and whether it was closed. */
    static class Recording implements Provider {
        final ProviderConfig config;
        final List<ChatRequest> asked = new ArrayList<>();
        int closes;

        Recording(ProviderConfig config) {
            this.config = config;
        }

        @Override
        public synchronized ChatResponse chat(ChatRequest request) {
            asked.add(request);
            return new ChatResponse("ok", new Usage(1, 1), false, 1);
        }

        @Override
        public ProviderConfig config() {
            return config;
        }

        @Override
        public void close() {
            closes++;
        }
    }

    @Test
    void oneConnectionPerEntrySharedByEveryUserAndClosedOnlyByThePool() {
        List<Recording> opened = new ArrayList<>();
        ProviderPool pool = new ProviderPool(config -> {
            Recording r = new Recording(config);
            opened.add(r);
            return r;
        });
        ProviderConfig openai = entry("openai", "gpt-4o-mini", 1);
        Provider first = pool.provider(openai);
        Provider second = pool.provider(openai);
        // A fine-tuned model of the entry goes through the same connection, asking its own model.
        Provider fineTuned = pool.provider(openai.withModel("ft:gpt-4o-mini:org::1"));
        Provider local = pool.provider(entry("ollama", "llama3.2:3b", 2));
        assertThat(opened).hasSize(2);
        assertThat(fineTuned.config().model()).isEqualTo("ft:gpt-4o-mini:org::1");

        ChatRequest ask = new ChatRequest(List.of(ChatMessage.user("hi")), 0, 4, 0);
        first.chat(ask);
        second.chat(ask);
        fineTuned.chat(ask);
        assertThat(opened.get(0).asked).extracting(ChatRequest::model)
                .containsExactly("gpt-4o-mini", "gpt-4o-mini", "ft:gpt-4o-mini:org::1");

        first.close();
        fineTuned.close();
        local.close();
        assertThat(opened).allSatisfy(r -> assertThat(r.closes).as("a user's close leaves the shared connection open").isZero());
        pool.close();
        pool.close();
        assertThat(opened).allSatisfy(r -> assertThat(r.closes).as("closed once, by the pool").isEqualTo(1));
        assertThatThrownBy(() -> pool.provider(openai)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void anEntryAskedForWithOtherLimitsIsACallersMistake() {
        try (ProviderPool pool = new ProviderPool(Recording::new)) {
            pool.provider(entry("openai", "gpt-4o-mini", 1));
            assertThatThrownBy(() -> pool.provider(entry("openai", "gpt-4o-mini", 8)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two different settings");
        }
    }

    @Test
    void everyConnectionIsClosedEvenWhenOneFailsToClose() {
        List<Recording> opened = new ArrayList<>();
        ProviderPool pool = new ProviderPool(config -> {
            Recording r = config.name().equals("broken") ? new Recording(config) {
                @Override
                public void close() {
                    super.close();
                    throw new ProviderException("cannot close");
                }
            } : new Recording(config);
            opened.add(r);
            return r;
        });
        pool.provider(entry("broken", "m", 1));
        pool.provider(entry("fine", "m", 1));
        assertThatThrownBy(pool::close).hasMessage("cannot close");
        assertThat(opened).allSatisfy(r -> assertThat(r.closes).isEqualTo(1));
    }

    @Test
    void fineTuningIsOfferedOnlyByProvidersThatCanRunJobs() {
        try (ProviderPool pool = new ProviderPool(Recording::new)) {
            assertThat(pool.fineTuning(entry("ollama", "m", 1))).isEmpty();
        }
    }
}
