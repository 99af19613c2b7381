package dev.hone.local.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.config.ConfigLoader;
import dev.hone.config.HoneConfig;
import dev.hone.engine.model.Encoders;
import dev.hone.local.ChatModelFolder;
import dev.hone.local.LocalModel;
import dev.hone.local.LocalProvider;
import dev.hone.run.RunListener;
import dev.hone.run.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kind: llm-finetune} on a {@code type: local} provider, through a whole run: the same
 * strategy, chat JSONL export and job ledger as a hosted job, the job trained in this process.
 * The first test's trainer is a test double that records what the route handed it (its untrained
 * adapters answer as the base model does); the last runs the real trainer, as the service loader
 * builds the provider. Learning itself is checked through {@code hone run} in hone-cli.
 */
class LocalFineTuneRunTest {
    private static final String[][] TOPICS = {
            {"refund", "I want my money back", "please refund the order", "the kettle broke, return my payment", "charge me back",
                    "refund the double charge", "I returned it, where is my refund", "cancel and refund", "money back please",
                    "refund for the late parcel", "reimburse me"},
            {"shipping", "where is my parcel", "the delivery is late", "tracking shows nothing", "when will it arrive",
                    "the courier lost it", "ship to my new address", "parcel stuck in customs", "delivery date please",
                    "has it shipped yet", "package never came"},
            {"login", "I cannot sign in", "password reset fails", "my account is locked", "two-factor code never arrives",
                    "login page errors", "forgot my username", "cannot access my account", "the app logs me out",
                    "reset link expired", "sign-in loops"}};

    @TempDir
    Path directory;

    private Path writeConfig(Path model) throws Exception {
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (String[] topic : TOPICS) {
            for (int i = 1; i < topic.length; i++) (i <= 8 ? train : test).add("{\"text\": \"" + topic[i] + "\", \"label\": \"" + topic[0] + "\"}");
        }
        Files.write(directory.resolve("train.jsonl"), train);
        Files.write(directory.resolve("test.jsonl"), test);
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: local-ft, kind: classification}
                dataset: {train: train.jsonl, test: test.jsonl, validation_fraction: 0.4}
                providers:
                  m: {type: local, model: "%s", cache_dir: llm-cache}
                strategies:
                  - {name: tuned, kind: llm-finetune, provider: m, epochs: 2, poll_seconds: 0.01, max_tokens: 4}
                evaluation: {repeats: 1, seed: 3, latency_samples: 5}
                decision: {latency_budget_ms: 100000}
                """.formatted(model.toAbsolutePath()));
        return config;
    }

    @Test
    void theRouteTrainsInProcessRecordsTheJobAndAReRunReusesIt() throws Exception {
        Path folder = ChatModelFolder.chatMl(directory.resolve("model"), 1024);
        LocalModel model = LocalModel.load(folder, Encoders.defaultKernels());
        RecordingTrainer trainer = new RecordingTrainer();
        HoneConfig config = ConfigLoader.load(writeConfig(folder), List.of());
        Runner runner = new Runner(Encoders::load, RunListener.SILENT, p -> new LocalProvider(p, model, Optional.of(trainer)));

        runner.run(config, directory.resolve("run1"), false);

        JsonNode tuned = candidate(directory.resolve("run1"), "tuned");
        assertThat(tuned.path("kind").asText()).isEqualTo("llm-finetune");
        JsonNode job = tuned.path("finetune");
        assertThat(job.path("in_process").asBoolean()).isTrue();
        assertThat(job.path("resumed").asBoolean()).isFalse();
        assertThat(job.path("job_id").asText()).startsWith("ftjob-local-");
        Path tunedFolder = Path.of(job.path("fine_tuned_model").asText());
        assertThat(tunedFolder).startsWith(directory.resolve("llm-cache/local-finetune/tuned").toAbsolutePath());
        assertThat(tunedFolder.resolve(RecordingTrainer.MARKER)).exists();
        assertThat(tunedFolder.resolve("config.json")).as("adapters, not a copy of the model").doesNotExist();
        assertThat(job.path("training_usd").asDouble()).isZero();
        assertThat(job.path("trained_tokens").asLong()).isPositive();
        assertThat(trainer.calls).hasSize(1);
        assertThat(job.path("examples").asInt()).as("the exported training split, validation held out")
                .isEqualTo(trainer.calls.getFirst().train().size() + trainer.calls.getFirst().validation().size());
        // The route's own export, in the model's template: the loss counts each label and the end of its turn, nothing else.
        for (SftExample example : trainer.calls.getFirst().train().examples()) {
            int[] tokens = example.tokens();
            int firstAnswer = example.length() - example.answerTokens();
            assertThat(model.tokenizer().decode(Arrays.copyOfRange(tokens, firstAnswer, tokens.length), false))
                    .matches("(refund|shipping|login)<\\|im_end\\|>\n");
            assertThat(model.tokenizer().decode(Arrays.copyOf(tokens, firstAnswer), false))
                    .startsWith("<|im_start|>system\n").endsWith("<|im_start|>assistant\n");
        }
        // The fine-tuned model answers: requests name its folder and are counted like any local model's.
        assertThat(tuned.path("llm").path("model").asText()).isEqualTo(tunedFolder.toString());
        assertThat(tuned.path("llm").path("predictions").asInt()).isPositive();
        assertThat(tuned.path("test_predictions")).hasSize(6);

        runner.run(ConfigLoader.load(directory.resolve("hone.yaml"), List.of()), directory.resolve("run2"), false);

        JsonNode again = candidate(directory.resolve("run2"), "tuned").path("finetune");
        assertThat(again.path("resumed").asBoolean()).isTrue();
        assertThat(again.path("job_id").asText()).isEqualTo(job.path("job_id").asText());
        assertThat(trainer.calls).as("the finished job is reused, not trained again").hasSize(1);
    }

    /** Waiting costs nothing in process, and the job ends with the run: poll every second, wait until it ends. */
    @Test
    void anInProcessJobIsPolledOftenAndWaitedForUntilItEnds() throws Exception {
        Path config = writeConfig(ChatModelFolder.chatMl(directory.resolve("model"), 1024));
        Files.writeString(config, Files.readString(config).replace("poll_seconds: 0.01, ", ""));

        JsonNode strategy = ConfigLoader.load(config, List.of()).resolved().path("strategies").get(0);

        assertThat(strategy.path("poll_seconds").asDouble()).isEqualTo(1);
        assertThat(strategy.path("max_wait_minutes").asDouble()).isEqualTo(10_080);
    }

    /** The provider as the service loader builds it trains with LoRA: the tuned model is adapters on the shared base. */
    @Test
    void theServiceLoadedProviderTrainsAdaptersThatAnswerOnTheBase() throws Exception {
        Path folder = ChatModelFolder.chatMl(directory.resolve("model"), 1024);
        HoneConfig config = ConfigLoader.load(writeConfig(folder), List.of());

        new Runner(Encoders::load, RunListener.SILENT).run(config, directory.resolve("run"), false);

        JsonNode tuned = candidate(directory.resolve("run"), "tuned");
        Path adapters = Path.of(tuned.path("finetune").path("fine_tuned_model").asText());
        assertThat(adapters.resolve("adapter_model.safetensors")).exists();
        assertThat(adapters.resolve("config.json")).doesNotExist();
        assertThat(new ObjectMapper().readTree(adapters.resolve("adapter_config.json").toFile()).path("base_model_name_or_path").asText())
                .isEqualTo(folder.toAbsolutePath().normalize().toString());
        assertThat(tuned.path("llm").path("predictions").asInt()).isPositive();
        assertThat(directory.resolve("run/candidates/tuned/adapter/adapter_config.json")).exists();
    }

    private static JsonNode candidate(Path run, String name) throws Exception {
        for (JsonNode c : new ObjectMapper().readTree(run.resolve("results.json").toFile()).path("candidates")) {
            if (c.path("name").asText().equals(name)) return c;
        }
        throw new AssertionError("no candidate " + name + " in " + run);
    }
}
