package dev.hone.local.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.error.BadInputException;
import dev.hone.local.ChatModelFolder;
import dev.hone.local.LocalModel;
import dev.hone.provider.FineTuneEvent;
import dev.hone.provider.FineTuneJob;
import dev.hone.provider.FineTuneRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local provider's fine-tuning jobs around a test-double trainer (the engine's trainer is not in this build). */
class LocalFineTuningTest {
    private static final List<String> LABELS = List.of("refund", "shipping", "login");

    @TempDir
    Path directory;
    private LocalModel model;
    private Path work;

    @BeforeEach
    void loadModel() {
        model = LocalModel.load(ChatModelFolder.chatMl(directory.resolve("model")), new ReferenceKernels());
        work = directory.resolve("cache/local-finetune");
    }

    /** Every provider a test opens is closed after it, so no training thread writes into the folder JUnit then deletes. */
    private final List<LocalFineTuning> opened = new ArrayList<>();

    private LocalFineTuning open(Optional<AdapterTrainer> trainer) {
        LocalFineTuning tuning = new LocalFineTuning(model, base(), work, trainer);
        opened.add(tuning);
        return tuning;
    }

    @AfterEach
    void closeProviders() {
        opened.forEach(LocalFineTuning::close);
    }

    private String base() {
        return model.folder().toString();
    }

    /** The chat JSONL the llm-finetune route exports: system, user with the text, assistant with the label. */
    private static byte[] trainingFile(int examples) {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < examples; i++) {
            jsonl.append("{\"messages\":[{\"role\":\"system\",\"content\":\"Label the ticket.\"},{\"role\":\"user\",\"content\":\"Text: ticket ")
                    .append(i).append("\"},{\"role\":\"assistant\",\"content\":\"").append(LABELS.get(i % 3)).append("\"}]}\n");
        }
        return jsonl.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static FineTuneJob await(LocalFineTuning tuning, String id) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        FineTuneJob job = tuning.job(id);
        while (!job.finished() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            job = tuning.job(id);
        }
        assertThat(job.finished()).as("job %s finished within a minute", id).isTrue();
        return job;
    }

    @Test
    void withoutATrainerTheUploadIsKeptAndCreatingAJobIsRefusedSayingSo() throws Exception {
        LocalFineTuning tuning = open(Optional.empty());

        String file = tuning.uploadTrainingFile("gpt-ft-train.jsonl", trainingFile(12));

        assertThat(tuning.uploadTrainingFile("again.jsonl", trainingFile(12))).as("the same bytes, the same id").isEqualTo(file);
        assertThat(Files.readAllBytes(work.resolve("files").resolve(file + ".jsonl"))).isEqualTo(trainingFile(12));
        assertThatThrownBy(() -> tuning.createJob(new FineTuneRequest(file, base(), 3, 0, 0, ""))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("in-process fine-tuning of " + model.folder() + " is not available yet")
                .hasMessageContaining("type openai");
    }

    @Test
    void aJobTrainsInTheBackgroundOnTheTemplatedExamplesAndIsFoundAgainNeverRetrained() throws Exception {
        RecordingTrainer trainer = new RecordingTrainer();
        LocalFineTuning tuning = open(Optional.of(trainer));
        String file = tuning.uploadTrainingFile("train.jsonl", trainingFile(40));
        FineTuneRequest request = new FineTuneRequest(file, base(), 3, 0, 0, "tickets");

        FineTuneJob created = tuning.createJob(request);
        FineTuneJob done = await(tuning, created.id());

        assertThat(created.status()).isIn("queued", "running", "succeeded");
        assertThat(done.status()).as(done.error()).isEqualTo("succeeded");
        Path tuned = work.resolve("tuned").resolve(created.id()).toAbsolutePath();
        assertThat(done.fineTunedModel()).isEqualTo(tuned.toString());
        assertThat(tuned.resolve(RecordingTrainer.MARKER)).exists();
        assertThat(tuned.resolveSibling(created.id() + ".partial")).doesNotExist();
        assertThat(done.finishedAt()).isGreaterThanOrEqualTo(done.createdAt()).isPositive();

        assertThat(trainer.calls).hasSize(1);
        RecordingTrainer.Call call = trainer.calls.getFirst();
        assertThat(call.train().size()).isEqualTo(36);
        assertThat(call.validation().size()).as("a tenth held out for validation loss").isEqualTo(4);
        assertThat(call.settings().epochs()).isEqualTo(3);
        assertThat(call.settings().batchSize()).isEqualTo(TuningSettings.DEFAULT_BATCH_SIZE);
        assertThat(call.settings().learningRate()).isEqualTo(TuningSettings.DEFAULT_LEARNING_RATE);
        for (SftExample example : call.train().examples()) {
            int[] tokens = example.tokens();
            int firstAnswer = example.length() - example.answerTokens();
            String answer = model.tokenizer().decode(Arrays.copyOfRange(tokens, firstAnswer, tokens.length), false);
            assertThat(answer).matches("(refund|shipping|login)<\\|im_end\\|>\n");
        }
        assertThat(done.trainedTokens()).isEqualTo(3 * call.train().tokens());
        assertThat(tuning.events(created.id())).extracting(FineTuneEvent::message).anySatisfy(m -> assertThat(m).contains("on 36 examples"))
                .contains("step 1/2 (epoch 1/3): training loss 1.5000", "step 2/2 (epoch 3/3): training loss 0.5000", "validation loss 0.7")
                .anySatisfy(m -> assertThat(m).startsWith("adapters written to " + tuned));

        assertThat(tuning.createJob(request)).as("the same request, the same finished job").isEqualTo(done);
        assertThat(trainer.calls).hasSize(1);
        assertThat(tuning.createJob(new FineTuneRequest(file, base(), 2, 0, 0, "tickets")).id()).as("other settings, another job")
                .isNotEqualTo(created.id());

        // A later process (a new provider on the same folder) answers from the job's record and trains nothing.
        RecordingTrainer later = new RecordingTrainer();
        LocalFineTuning again = open(Optional.of(later));
        assertThat(again.job(created.id())).isEqualTo(done);
        assertThat(again.createJob(request)).isEqualTo(done);
        assertThat(later.calls).isEmpty();
    }

    /**
     * A generation task's long reference outputs: the fixture reads at most 256 tokens, so answers of
     * 300 characters (a token each with its byte-level tokenizer) lose their end; the job says how many,
     * in its progress and in its record, which a later process reads back.
     */
    @Test
    void longReferenceOutputsAreCutToTheModelsLengthAndTheJobCountsThem() throws Exception {
        RecordingTrainer trainer = new RecordingTrainer();
        LocalFineTuning tuning = open(Optional.of(trainer));
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            String reference = i % 2 == 0 ? "short answer " + i : "long answer " + i + " " + "x".repeat(300);
            jsonl.append("{\"messages\":[{\"role\":\"user\",\"content\":\"question ").append(i)
                    .append("\"},{\"role\":\"assistant\",\"content\":\"").append(reference).append("\"}]}\n");
        }
        String file = tuning.uploadTrainingFile("train.jsonl", jsonl.toString().getBytes(StandardCharsets.UTF_8));

        FineTuneJob done = await(tuning, tuning.createJob(new FineTuneRequest(file, base(), 1, 0, 0, "")).id());

        assertThat(done.status()).as(done.error()).isEqualTo("succeeded");
        assertThat(done.truncatedAnswers()).isEqualTo(6);
        SftExamples trained = trainer.calls.getFirst().train();
        assertThat(trained.examples()).allSatisfy(e -> assertThat(e.length()).isLessThanOrEqualTo(256));
        assertThat(tuning.events(done.id())).extracting(FineTuneEvent::message)
                .anySatisfy(m -> assertThat(m).startsWith("6 of 12 examples had their answer cut at its end to fit 256 tokens"));
        assertThat(new ObjectMapper().readTree(work.resolve("jobs").resolve(done.id() + ".json").toFile()).path("truncated_answers").asInt())
                .isEqualTo(6);
        assertThat(open(Optional.of(new RecordingTrainer())).job(done.id()).truncatedAnswers()).as("read back by a later process").isEqualTo(6);
    }

    @Test
    void aFailingTrainerFailsTheJobWithItsReason() throws Exception {
        LocalFineTuning tuning = open(Optional.of(new RecordingTrainer(new CountDownLatch(0), "out of memory")));
        String file = tuning.uploadTrainingFile("train.jsonl", trainingFile(12));

        FineTuneJob job = await(tuning, tuning.createJob(new FineTuneRequest(file, base(), 1, 0, 0, "")).id());

        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.error()).isEqualTo("out of memory");
        assertThat(new ObjectMapper().readTree(work.resolve("jobs").resolve(job.id() + ".json").toFile()).path("status").asText())
                .isEqualTo("failed");
        assertThat(work.resolve("tuned").resolve(job.id())).doesNotExist();
    }

    @Test
    void aJobStoppedMidTrainingTrainsAgainWhenNextAskedAbout() throws Exception {
        RecordingTrainer stuck = new RecordingTrainer(new CountDownLatch(1), null);
        LocalFineTuning first = open(Optional.of(stuck));
        String file = first.uploadTrainingFile("train.jsonl", trainingFile(12));
        String id = first.createJob(new FineTuneRequest(file, base(), 1, 0, 0, "")).id();
        while (stuck.calls.isEmpty()) Thread.sleep(5);

        first.close();

        Path record = work.resolve("jobs").resolve(id + ".json");
        assertThat(new ObjectMapper().readTree(record.toFile()).path("status").asText()).isEqualTo("running");
        RecordingTrainer later = new RecordingTrainer();
        LocalFineTuning second = open(Optional.of(later));
        FineTuneJob job = await(second, id);
        assertThat(job.status()).isEqualTo("succeeded");
        assertThat(later.calls).hasSize(1);
        assertThat(stuck.calls).hasSize(1);
    }

    @Test
    void aJobForAnotherModelOrAFileNeverUploadedIsRefused() {
        LocalFineTuning tuning = open(Optional.of(new RecordingTrainer()));
        String file = tuning.uploadTrainingFile("train.jsonl", trainingFile(12));

        assertThatThrownBy(() -> tuning.createJob(new FineTuneRequest(file, "gpt-4o-mini", 1, 0, 0, "")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("fine-tunes the model it runs");
        String missing = "file-" + "0".repeat(64);
        assertThatThrownBy(() -> tuning.createJob(new FineTuneRequest(missing, base(), 1, 0, 0, "")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no training file " + missing + " was uploaded");
        assertThatThrownBy(() -> tuning.job("ftjob-local-" + "1".repeat(24))).hasMessageContaining("no local fine-tuning job");
    }
}
