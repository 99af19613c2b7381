package dev.hone.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.Hone;
import dev.hone.config.ConfigLoader;
import dev.hone.config.HoneConfig;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.train.TrainingListener;
import dev.hone.provider.ProviderException;
import dev.hone.run.RunListener;
import dev.hone.run.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * remote-finetune against the test server's fine-tuning lifecycle: a run stopped right after the
 * job was created and a re-run make exactly one upload and one job; later runs (a new --out, a
 * fresh answer cache) reuse the finished model without a request to the fine-tuning API; a
 * failed job is reported with the server's reason and not started again.
 */
class RemoteFineTuneEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private Path writeConfig(OpenAiTestServer server) throws Exception {
        return writeConfig(server, "");
    }

    /** The two candidates below, then {@code moreStrategies} (YAML list items, one per line). */
    private Path writeConfig(OpenAiTestServer server, String moreStrategies) throws Exception {
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (String[] topic : LlmStrategiesEndToEndTest.TOPICS) {
            for (int i = 1; i < topic.length; i++) {
                (i <= 8 ? train : test).add("{\"text\": \"" + topic[i] + "\", \"label\": \"" + topic[0] + "\"}");
            }
        }
        Files.write(directory.resolve("train.jsonl"), train);
        Files.write(directory.resolve("test.jsonl"), test);
        Path configFile = directory.resolve("hone.yaml");
        Files.writeString(configFile, """
                task: {name: remote-ft}
                model: all-minilm-l6-v2
                dataset: {train: train.jsonl, test: test.jsonl, validation_fraction: 0.4}
                labels: {refund: "money back", shipping: "where is my order", login: "cannot access the account"}
                providers:
                  openai: {type: openai, base_url: "%s", model: test-model, api_key_env: HONE_TEST_API_KEY, requests_per_minute: 60000,
                           usd_per_million_input_tokens: 0.30, usd_per_million_output_tokens: 1.20,
                           usd_per_million_training_tokens: 25, cache_dir: llm-cache}
                strategies:
                  - {name: gpt, kind: llm-zero-shot, provider: openai}
                  - {name: gpt-ft, kind: remote-finetune, provider: openai, epochs: 2, suffix: tickets, poll_seconds: 0.01}
                %sevaluation: {repeats: 1, seed: 3, latency_samples: 5}
                decision: {latency_budget_ms: 10000}
                """.formatted(server.baseUrl(), moreStrategies));
        return configFile;
    }

    /** Stops the run at the first progress line naming the job it just created: an interruption after the paid step. */
    private static RunListener stopAfterJobCreated() {
        return new RunListener() {
            @Override
            public void message(String text) {
                if (text.contains("created fine-tuning job")) throw new IllegalStateException("interrupted by the test");
            }

            @Override
            public TrainingListener training(String candidate, int repeat) {
                return TrainingListener.NONE;
            }
        };
    }

    @Test
    void anInterruptedRunAndItsReRunsMakeOneUploadAndOneJob() throws Exception {
        try (OpenAiTestServer server = new OpenAiTestServer(KeywordClassifier::answer, ProviderContractTest.KEY)) {
            Path configFile = writeConfig(server);
            HoneConfig config = ConfigLoader.load(configFile, List.of());
            assertThatThrownBy(() -> new Runner(Encoders::load, stopAfterJobCreated()).run(config, directory.resolve("run1"), false))
                    .hasMessageContaining("interrupted by the test");
            FineTuningEndpoints fineTuning = server.fineTuning();
            assertThat(fineTuning.uploads()).isEqualTo(1);
            assertThat(fineTuning.jobsCreated()).isEqualTo(1);
            Path ledger;
            try (Stream<Path> files = Files.list(directory.resolve("llm-cache/finetune-jobs"))) {
                ledger = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
            }
            assertThat(JSON.readTree(ledger.toFile()).path("job_id").asText()).isEqualTo("ftjob-1");
            assertThat(JSON.readTree(ledger.toFile()).path("status").asText()).isEqualTo("validating_files");

            // The re-run, into another folder, resumes polling the recorded job.
            Path out = directory.resolve("run2");
            new Runner(Encoders::load, RunListener.SILENT).run(ConfigLoader.load(configFile, List.of()), out, false);
            assertThat(fineTuning.uploads()).isEqualTo(1);
            assertThat(fineTuning.jobsCreated()).isEqualTo(1);
            assertThat(JSON.readTree(ledger.toFile()).path("status").asText()).isEqualTo("succeeded");

            JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
            JsonNode ft = candidate(results, "gpt-ft");
            assertThat(ft.get("kind").asText()).as("remote-finetune, the config's old name, is llm-finetune").isEqualTo("llm-finetune");
            JsonNode job = ft.get("finetune");
            assertThat(job.get("job_id").asText()).isEqualTo("ftjob-1");
            assertThat(job.get("base_model").asText()).isEqualTo("test-model");
            assertThat(job.get("fine_tuned_model").asText()).isEqualTo("ft:test-model:hone-test:tickets:ftjob-1");
            assertThat(job.get("resumed").asBoolean()).isTrue();
            assertThat(job.get("in_process").asBoolean()).as("trained on the provider's machines").isFalse();
            assertThat(job.get("examples").asInt()).as("the training split, validation held out")
                    .isEqualTo(results.get("dataset").get("train").asInt() - results.get("dataset").get("validation").asInt());
            long trained = job.get("trained_tokens").asLong();
            assertThat(trained).isPositive();
            assertThat(job.get("training_usd").asDouble()).isCloseTo(trained * 25 / 1e6, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(ft.get("upfront_usd").asDouble()).isEqualTo(job.get("training_usd").asDouble());
            assertThat(ft.get("train_seconds").asDouble()).isEqualTo(job.get("job_seconds").asDouble());
            // The verdict's upfront cost is the job's price (no CPU time: the job ran on the provider's machines).
            assertThat(results.get("statistics").get("gpt-ft").get("training_cost_usd").asDouble())
                    .isCloseTo(job.get("training_usd").asDouble(), org.assertj.core.data.Offset.offset(1e-12));
            // The fine-tuned model answers every test text with a bare label; the base model answers one in prose.
            assertThat(ft.get("parse_failure_rate").asDouble()).isZero();
            assertThat(candidate(results, "gpt").get("parse_failure_rate").asDouble()).isPositive();
            assertThat(ft.get("accuracy").asDouble()).isEqualTo(1.0);
            assertThat(ft.get("llm").get("model").asText()).isEqualTo("ft:test-model:hone-test:tickets:ftjob-1");
            assertThat(server.bodies()).anyMatch(b -> b.get("model").asText().startsWith("ft:"));

            // Once more into a new folder, and with a fresh answer cache (--no-cache): no fine-tuning request at all.
            int polls = fineTuning.polls();
            Path out3 = directory.resolve("run3");
            new Runner(Encoders::load, RunListener.SILENT).run(ConfigLoader.load(configFile, List.of()).withLlmCacheIn(out3.resolve("llm-cache")),
                    out3, false);
            assertThat(fineTuning.uploads()).isEqualTo(1);
            assertThat(fineTuning.jobsCreated()).isEqualTo(1);
            assertThat(fineTuning.polls()).isEqualTo(polls);

            // The saved candidate is the llm-zero-shot candidate asking the ft: model.
            assertThat(Files.readString(out.resolve("candidates/gpt-ft/llm.json"))).contains("ft:test-model:hone-test:tickets:ftjob-1");
            assertThat(Hone.load(out.resolve("candidates/gpt-ft")).predict("where is my parcel").label()).isEqualTo("shipping");
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(ProviderContractTest.KEY);
                }
            }
        }
    }

    @Test
    void aFailedJobIsReportedWithTheServersReasonAndNotStartedAgain() throws Exception {
        try (OpenAiTestServer server = new OpenAiTestServer(KeywordClassifier::answer, ProviderContractTest.KEY)) {
            Path configFile = writeConfig(server);
            server.fineTuning().failNextJob("Training file has too few examples of label login");
            for (int run = 1; run <= 2; run++) {
                Path out = directory.resolve("run" + run);
                assertThatThrownBy(() -> new Runner(Encoders::load, RunListener.SILENT).run(ConfigLoader.load(configFile, List.of()), out, false))
                        .isInstanceOf(ProviderException.class)
                        .hasMessageContaining("fine-tuning job ftjob-1 failed: Training file has too few examples of label login (invalid_training_file)")
                        .hasMessageContaining("does not start a paid job again by itself")
                        .hasMessageNotContaining(ProviderContractTest.KEY);
            }
            assertThat(server.fineTuning().jobsCreated()).isEqualTo(1);
            assertThat(server.fineTuning().uploads()).isEqualTo(1);
        }
    }

    @Test
    void aCascadeAndADistillationBuiltOnAFineTunedModelCountItsJob() throws Exception {
        try (OpenAiTestServer server = new OpenAiTestServer(KeywordClassifier::answer, ProviderContractTest.KEY)) {
            Path configFile = writeConfig(server, """
                      - {name: knn, kind: few-shot, k: 2}
                      - {name: knn-then-ft, kind: cascade, local: knn, remote: gpt-ft}
                      - {name: student, kind: distill, teacher: gpt-ft, student: lora, epochs: 1, patience: 0}
                    """);
            Path out = directory.resolve("run");
            new Runner(Encoders::load, RunListener.SILENT).run(ConfigLoader.load(configFile, List.of()), out, false);
            assertThat(server.fineTuning().jobsCreated()).as("one job, reused by the cascade and the teacher").isEqualTo(1);
            JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
            double jobUsd = candidate(results, "gpt-ft").get("finetune").get("training_usd").asDouble();
            assertThat(jobUsd).isPositive();

            // Serving the cascade needs the fine-tuned model, so its training cost includes the job.
            JsonNode cascade = candidate(results, "knn-then-ft");
            assertThat(cascade.get("upfront_usd").asDouble()).isEqualTo(jobUsd);
            assertThat(results.get("statistics").get("knn-then-ft").get("training_cost_usd").asDouble()).isGreaterThanOrEqualTo(jobUsd);
            assertThat(candidate(results, "knn").get("upfront_usd").asDouble()).isZero();

            // A distilled student pays for the teacher's labelling and the teacher's own job.
            JsonNode student = candidate(results, "student");
            JsonNode d = student.get("distillation");
            assertThat(d.get("teacher_training_usd").asDouble()).isEqualTo(jobUsd);
            assertThat(student.get("upfront_usd").asDouble())
                    .isCloseTo(d.get("teacher_usd").asDouble() + jobUsd, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(results.get("statistics").get("student").get("training_cost_usd").asDouble())
                    .isGreaterThan(student.get("upfront_usd").asDouble());
        }
    }

    static JsonNode candidate(JsonNode results, String name) {
        for (JsonNode c : results.get("candidates")) if (c.get("name").asText().equals(name)) return c;
        throw new AssertionError("no candidate " + name + " in results.json");
    }
}
