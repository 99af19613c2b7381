package dev.hone.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.Hone;
import dev.hone.config.ConfigLoader;
import dev.hone.engine.model.Encoders;
import dev.hone.run.RunListener;
import dev.hone.run.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * distill with an llm-zero-shot teacher (the test server's keyword model) and a one-epoch LoRA
 * student on the real MiniLM weights: once on the training texts with their labels hidden, once
 * on an unlabeled file, one of whose texts the teacher answers in prose (dropped and counted).
 */
class DistillEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void aStudentLearnsTheTeachersLabelsAndLoadsAsALoraCandidate() throws Exception {
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (String[] topic : LlmStrategiesEndToEndTest.TOPICS) {
            for (int i = 1; i < topic.length; i++) {
                (i <= 8 ? train : test).add("{\"text\": \"" + topic[i] + "\", \"label\": \"" + topic[0] + "\"}");
            }
        }
        Files.write(directory.resolve("train.jsonl"), train);
        Files.write(directory.resolve("test.jsonl"), test);
        Files.write(directory.resolve("unlabeled.txt"), List.of("refund my order please", "my courier never came", "",
                "cannot sign in to my account", "new shoes please", "password keeps failing", "money back for the mug"));
        try (OpenAiTestServer server = new OpenAiTestServer(KeywordClassifier::answer, ProviderContractTest.KEY)) {
            Path configFile = directory.resolve("hone.yaml");
            Files.writeString(configFile, """
                    task: {name: distill}
                    model: all-minilm-l6-v2
                    dataset: {train: train.jsonl, test: test.jsonl, validation_fraction: 0.4}
                    labels: {refund: "money back", shipping: "where is my order", login: "cannot access the account"}
                    providers:
                      openai: {type: openai, base_url: "%s", model: test-model, api_key_env: HONE_TEST_API_KEY, requests_per_minute: 60000,
                               usd_per_million_input_tokens: 0.30, usd_per_million_output_tokens: 1.20, cache_dir: llm-cache}
                    strategies:
                      - {name: gpt, kind: llm-zero-shot, provider: openai}
                      - {name: student, kind: distill, teacher: gpt, student: lora, epochs: 1, learning_rate: 2.0e-3, patience: 0}
                      - {name: student-file, kind: distill, teacher: gpt, unlabeled: unlabeled.txt, student: lora, epochs: 1, patience: 0}
                    evaluation: {repeats: 1, seed: 3, latency_samples: 5}
                    decision: {latency_budget_ms: 10000}
                    """.formatted(server.baseUrl()));
            Path out = directory.resolve("run");
            new Runner(Encoders::load, RunListener.SILENT).run(ConfigLoader.load(configFile, List.of()), out, false);
            JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
            JsonNode teacher = RemoteFineTuneEndToEndTest.candidate(results, "gpt");
            JsonNode student = RemoteFineTuneEndToEndTest.candidate(results, "student");
            JsonNode d = student.get("distillation");
            int trainTexts = results.get("dataset").get("train").asInt() - results.get("dataset").get("validation").asInt();
            assertThat(d.get("teacher").asText()).isEqualTo("gpt");
            assertThat(d.get("source").asText()).isEqualTo("train split");
            assertThat(d.get("texts").asInt()).isEqualTo(trainTexts);
            assertThat(d.get("labelled").asInt() + d.get("dropped").asInt()).isEqualTo(trainTexts);
            assertThat(d.get("teacher_agreement_with_gold").asDouble()).isBetween(0.8, 1.0);
            assertThat(d.get("teacher_input_tokens").asLong()).isPositive();
            double usd = (d.get("teacher_input_tokens").asLong() * 0.30 + d.get("teacher_output_tokens").asLong() * 1.20) / 1e6;
            assertThat(d.get("teacher_usd").asDouble()).isCloseTo(usd, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(student.get("upfront_usd").asDouble()).isEqualTo(d.get("teacher_usd").asDouble());
            assertThat(results.get("statistics").get("student").get("training_cost_usd").asDouble())
                    .isGreaterThan(d.get("teacher_usd").asDouble());
            assertThat(d.get("teacher_test_accuracy").asDouble()).isEqualTo(teacher.get("accuracy").asDouble());
            assertThat(d.get("student_test_accuracy").asDouble()).isEqualTo(student.get("accuracy").asDouble());
            assertThat(student.get("accuracy").asDouble()).as("the student learnt something").isGreaterThan(0.5);
            assertThat(student.get("trainable_parameters").asLong()).isPositive();
            assertThat(student.has("llm")).as("the student serves in process").isFalse();

            JsonNode fromFile = RemoteFineTuneEndToEndTest.candidate(results, "student-file").get("distillation");
            assertThat(fromFile.get("source").asText()).endsWith("unlabeled.txt");
            assertThat(fromFile.get("texts").asInt()).isEqualTo(6);
            assertThat(fromFile.get("dropped").asInt()).as("'new shoes please' is answered in prose").isEqualTo(1);
            assertThat(fromFile.get("labelled").asInt()).isEqualTo(5);
            assertThat(fromFile.get("teacher_agreement_with_gold").isNull()).isTrue();

            // Saved and loaded like any LoRA candidate.
            assertThat(out.resolve("candidates/student/adapter_model.safetensors")).exists();
            assertThat(Hone.load(out.resolve("candidates/student")).predict("refund my money").scores()).hasSize(3);
        }
    }
}
