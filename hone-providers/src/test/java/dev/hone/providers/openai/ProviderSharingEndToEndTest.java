package dev.hone.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.config.ConfigLoader;
import dev.hone.config.HoneConfig;
import dev.hone.engine.model.Encoders;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.ChatResponse;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.ProviderException;
import dev.hone.run.RunListener;
import dev.hone.run.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two LLM candidates and a cascade over one {@code providers:} entry: the run opens one provider
 * for the entry, so its pace spans candidates (the second candidate's first request waits for
 * the first candidate's last slot) and at most max_concurrency requests are in flight in the run;
 * the provider is closed when the run ends, also when it fails.
 */
class ProviderSharingEndToEndTest {
    /** 120 requests per minute: one start every 500 ms. */
    private static final int REQUESTS_PER_MINUTE = 120;
    private static final long INTERVAL_NANOS = 60_000_000_000L / REQUESTS_PER_MINUTE;

    @TempDir
    Path directory;

    /** Counts the run's connections and whether each was closed. */
    private static final class Watched implements Provider {
        private final OpenAiProvider delegate;
        volatile boolean closed;

        Watched(ProviderConfig config) {
            this.delegate = new OpenAiProvider(config);
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            return delegate.chat(request);
        }

        @Override
        public ProviderConfig config() {
            return delegate.config();
        }

        @Override
        public void close() {
            closed = true;
            delegate.close();
        }
    }

    @Test
    void oneProviderPerEntryPacesTheWholeRunAndIsClosedAfterIt() throws Exception {
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (String[] topic : LlmStrategiesEndToEndTest.TOPICS) {
            for (int i = 1; i < topic.length; i++) {
                if (i <= 4) train.add("{\"text\": \"" + topic[i] + "\", \"label\": \"" + topic[0] + "\"}");
                else if (i == 5) test.add("{\"text\": \"" + topic[i] + "\", \"label\": \"" + topic[0] + "\"}");
            }
        }
        Files.write(directory.resolve("train.jsonl"), train);
        Files.write(directory.resolve("test.jsonl"), test);
        try (OpenAiTestServer server = new OpenAiTestServer(KeywordClassifier::answer, ProviderContractTest.KEY)) {
            Path configFile = directory.resolve("hone.yaml");
            // One validation text per label, chosen on as it is (no cross-validation): each LLM candidate asks the three
            // validation and three test texts, nothing else.
            Files.writeString(configFile, """
                    task: {name: shared-provider}
                    model: all-minilm-l6-v2
                    dataset: {train: train.jsonl, test: test.jsonl, validation_fraction: 0.25}
                    labels: {refund: "money back", shipping: "where is my order", login: "cannot access the account"}
                    providers:
                      api: {type: openai, base_url: "%s", model: test-model, api_key_env: HONE_TEST_API_KEY, max_concurrency: 1,
                            requests_per_minute: %d, cache_dir: llm-cache}
                    strategies:
                      - {name: zero-shot, kind: llm-zero-shot, provider: api}
                      - {name: cot, kind: llm-cot, provider: api}
                      - {name: knn, kind: few-shot, k: 2}
                      - {name: cascade, kind: cascade, local: knn, remote: cot, threshold: 1.0}
                    evaluation: {repeats: 1, seed: 3, latency_samples: 5, selection: validation}
                    """.formatted(server.baseUrl(), REQUESTS_PER_MINUTE));
            HoneConfig config = ConfigLoader.load(configFile, List.of());
            List<Watched> opened = Collections.synchronizedList(new ArrayList<>());
            new Runner(Encoders::load, RunListener.SILENT, c -> {
                Watched w = new Watched(c);
                opened.add(w);
                return w;
            }).run(config, directory.resolve("run"), false);


            // zero-shot asks with max_tokens 16, cot with 400: the first cot request follows the last zero-shot one.
            List<OpenAiTestServer.Received> received = server.received();
            long lastZeroShot = received.stream().filter(r -> r.body().get("max_tokens").asInt() == 16)
                    .mapToLong(OpenAiTestServer.Received::nanoTime).max().orElseThrow();
            long firstCot = received.stream().filter(r -> r.body().get("max_tokens").asInt() == 400)
                    .mapToLong(OpenAiTestServer.Received::nanoTime).min().orElseThrow();
            assertThat(received).hasSize(12);
            // With a pace of its own, the second candidate would start at once; with the shared one it waits for the next
            // slot. Measured where requests arrive, so allow for the previous one having arrived late (a loaded machine).
            assertThat(firstCot - lastZeroShot).as("gap between candidates, ns").isGreaterThanOrEqualTo(INTERVAL_NANOS * 6 / 10);
            assertThat(server.mostInFlight()).as("max_concurrency: 1 across the run").isEqualTo(1);
            assertThat(opened).as("one provider for the entry, whatever the number of candidates").hasSize(1);
            assertThat(opened.get(0).closed).as("closed when the run ended").isTrue();

            // A run that fails (the server refuses the first request) still closes its provider.
            server.enqueue(new OpenAiTestServer.Status(400, null, "The request was refused by the test."));
            List<Watched> failed = Collections.synchronizedList(new ArrayList<>());
            Path out = directory.resolve("failing");
            assertThatThrownBy(() -> new Runner(Encoders::load, RunListener.SILENT, c -> {
                Watched w = new Watched(c);
                failed.add(w);
                return w;
            }).run(config.withLlmCacheIn(out.resolve("llm-cache")), out, false))
                    .isInstanceOf(ProviderException.class).hasMessageContaining("refused by the test");
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).closed).as("closed after the failed run").isTrue();
        }
    }
}
