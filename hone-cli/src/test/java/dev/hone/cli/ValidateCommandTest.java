package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hone validate}: every problem at its line, exit 2; or one OK line, exit 0; nothing run. */
class ValidateCommandTest {
    @TempDir
    Path directory;

    private Path data() throws Exception {
        Files.writeString(directory.resolve("train.jsonl"), BadInputTest.GOOD_TRAIN);
        Files.writeString(directory.resolve("test.jsonl"), BadInputTest.GOOD_TEST);
        return directory;
    }

    @Test
    void aGoodConfigIsOneOkLine() throws Exception {
        Path config = data().resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: t, kind: classification}
                dataset: {train: train.jsonl, test: test.jsonl}
                strategies:
                  - {name: zs, kind: zero-shot}
                """);
        CliRunner result = CliRunner.run("validate", config.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).hasSize(1);
        assertThat(result.out()).contains("is OK", "1 strategies", "2 labels");
        assertThat(directory.resolve("runs")).doesNotExist();
    }

    @Test
    void everyProblemOfTheConfigAtItsLine() throws Exception {
        Path config = data().resolve("bad.yaml");
        Files.writeString(config, """
                task: {name: t, kind: classification}
                dataset: {train: train.jsonl, test: test.jsonl}
                strategies:
                  - {name: zs, kind: zero-shot}
                  - name: l
                    kind: lora
                    rank: 0
                    learnig_rate: 0.001
                evaluation:
                  repeats: 0
                """);
        CliRunner result = CliRunner.run("validate", config.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("3 problems",
                config + ":7: strategies[1].rank", config + ":8: strategies[1].learnig_rate", "did you mean 'learning_rate'",
                config + ":10: evaluation.repeats");
        assertThat(result.printedStackTrace()).isFalse();
    }

    @Test
    void badRowsOfEachDataFileAreReportedTogether() throws Exception {
        Files.writeString(directory.resolve("train.jsonl"), BadInputTest.GOOD_TRAIN + "{\"text\": \"oops\"\n");
        Files.writeString(directory.resolve("test.jsonl"), "{\"text\": \"no label\"}\n");
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: t, kind: classification}
                dataset:
                  train: train.jsonl
                  test: test.jsonl
                strategies:
                  - {name: zs, kind: zero-shot}
                """);
        CliRunner result = CliRunner.run("validate", config.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("2 problems", config + ":3: dataset.train", "train.jsonl:5: not valid JSON",
                config + ":4: dataset.test", "test.jsonl:1: missing field 'label'");
    }

    @Test
    void yamlThatDoesNotParseIsOneProblemWithItsLine() throws Exception {
        Path config = directory.resolve("broken.yaml");
        Files.writeString(config, "task: {name: t\nstrategies: [\n");
        CliRunner result = CliRunner.run("validate", config.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("1 problem", "  " + config + ":2: not valid YAML").doesNotContain(config + ": " + config);
        assertThat(result.printedStackTrace()).isFalse();
    }
}
