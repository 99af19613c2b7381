package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input of every kind: each must stop with a one-line-per-problem message that names
 * the file (and line) or the config path, exit code 2, and no stack trace. None of these cases
 * loads a model: every check happens before training.
 */
class BadInputTest {
    @TempDir
    static Path directory;

    static final String GOOD_TRAIN = "{\"text\": \"refund my order please\", \"label\": \"refund\"}\n"
            + "{\"text\": \"give me my money back\", \"label\": \"refund\"}\n"
            + "{\"text\": \"where is my parcel\", \"label\": \"shipping\"}\n"
            + "{\"text\": \"has my order shipped\", \"label\": \"shipping\"}\n";
    static final String GOOD_TEST = "{\"text\": \"I want a refund\", \"label\": \"refund\"}\n"
            + "{\"text\": \"track my package\", \"label\": \"shipping\"}\n";

    static Path write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    static Path config(String name, String train, String test, String strategies, String extra) throws IOException {
        return write(name, "task: {name: t, kind: classification}\n"
                + "dataset: {train: " + train + ", test: " + test + "}\n"
                + "strategies:\n" + strategies + extra);
    }

    static final String ZERO = "  - {name: zs, kind: zero-shot}\n";

    static Stream<Arguments> cases() throws IOException {
        write("train.jsonl", GOOD_TRAIN);
        write("test.jsonl", GOOD_TEST);
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("broken JSON line", config("c1.yaml",
                write("broken.jsonl", GOOD_TRAIN + "{\"text\": \"oops\", \"label\": \n").getFileName().toString(), "test.jsonl", ZERO, ""),
                List.of("broken.jsonl:5", "not valid JSON", "--skip-bad-rows")));
        cases.add(Arguments.of("missing label field", config("c2.yaml",
                write("nolabel.jsonl", GOOD_TRAIN + "{\"text\": \"no label here\"}\n").getFileName().toString(), "test.jsonl", ZERO, ""),
                List.of("nolabel.jsonl:5", "missing field 'label'")));
        cases.add(Arguments.of("CSV without the text column", config("c3.yaml",
                write("cols.csv", "message,label\nhello,refund\n").getFileName().toString(), "test.jsonl", ZERO, ""),
                List.of("cols.csv:1", "no column 'text'")));
        cases.add(Arguments.of("CSV row with too many columns", config("c4.yaml",
                write("wide.csv", "text,label\nrefund me,refund\nwhere,shipping,extra\nparcel,shipping\nmoney back,refund\n").getFileName().toString(),
                "test.jsonl", ZERO, ""), List.of("wide.csv", "3 columns but the header has 2")));
        Path latin1 = directory.resolve("latin1.jsonl");
        Files.write(latin1, ("{\"text\": \"caf\u00e9\", \"label\": \"refund\"}\n").getBytes(StandardCharsets.ISO_8859_1));
        cases.add(Arguments.of("non-UTF-8 bytes", config("c5.yaml", "latin1.jsonl", "test.jsonl", ZERO, ""),
                List.of("latin1.jsonl:1", "not UTF-8")));
        cases.add(Arguments.of("empty dataset file", config("c6.yaml", write("empty.jsonl", "").getFileName().toString(), "test.jsonl", ZERO, ""),
                List.of("empty.jsonl", "no usable examples")));
        cases.add(Arguments.of("label only in test", config("c7.yaml", "train.jsonl",
                write("newlabel.jsonl", GOOD_TEST + "{\"text\": \"cancel it\", \"label\": \"cancel\"}\n").getFileName().toString(), ZERO, ""),
                List.of("newlabel.jsonl:3", "'cancel' never appears")));
        cases.add(Arguments.of("unknown strategy kind", config("c8.yaml", "train.jsonl", "test.jsonl",
                "  - {name: x, kind: fine-tune}\n", ""), List.of("strategies[0].kind", "must be one of", "did you mean 'full-finetune'")));
        cases.add(Arguments.of("negative epochs", config("c9.yaml", "train.jsonl", "test.jsonl",
                "  - {name: l, kind: lora, epochs: -1}\n", ""), List.of("strategies[0].epochs", "must be within [1, 1000], got -1")));
        cases.add(Arguments.of("rank zero", config("c10.yaml", "train.jsonl", "test.jsonl",
                "  - {name: l, kind: lora, rank: 0}\n", ""), List.of("strategies[0].rank", "got 0")));
        cases.add(Arguments.of("misspelt key", config("c11.yaml", "train.jsonl", "test.jsonl",
                "  - {name: l, kind: lora, learnig_rate: 0.001}\n", ""), List.of("strategies[0].learnig_rate", "did you mean 'learning_rate'")));
        cases.add(Arguments.of("k larger than the smallest class", config("c12.yaml", "train.jsonl", "test.jsonl",
                "  - {name: f, kind: few-shot, k: 5}\n", ""),
                List.of("strategies[0].k = 5", "lower k to at most 1")));
        cases.add(Arguments.of("unknown model", config("c13.yaml", "train.jsonl", "test.jsonl", ZERO, "model: gpt-17\n"),
                List.of("unknown model 'gpt-17'", "all-minilm-l6-v2")));
        cases.add(Arguments.of("config that is not YAML", write("c14.yaml", "task: [unclosed\n  : : :\n"),
                List.of("c14.yaml:", "not valid YAML")));
        cases.add(Arguments.of("config that is a list", write("c15.yaml", "- a\n- b\n"), List.of("must be a YAML mapping")));
        cases.add(Arguments.of("empty config", write("c16.yaml", ""), List.of("the config is empty")));
        cases.add(Arguments.of("missing config file", directory.resolve("absent.yaml"), List.of("absent.yaml", "not found")));
        cases.add(Arguments.of("missing dataset file", config("c18.yaml", "nowhere.jsonl", "test.jsonl", ZERO, ""),
                List.of("nowhere.jsonl", "not found")));
        cases.add(Arguments.of("no strategies", write("c19.yaml", "task: {name: t}\ndataset: {train: train.jsonl, test: test.jsonl}\n"),
                List.of("strategies", "is required")));
        cases.add(Arguments.of("duplicate strategy names", config("c20.yaml", "train.jsonl", "test.jsonl", ZERO + ZERO, ""),
                List.of("strategies[1].name", "used twice")));
        cases.add(Arguments.of("empty text", config("c21.yaml",
                write("emptytext.jsonl", GOOD_TRAIN + "{\"text\": \"  \", \"label\": \"refund\"}\n").getFileName().toString(), "test.jsonl", ZERO, ""),
                List.of("emptytext.jsonl:5", "empty text")));
        cases.add(Arguments.of("label not declared in labels:", config("c22.yaml", "train.jsonl", "test.jsonl", ZERO,
                "labels: {refund: money back}\n"), List.of("train.jsonl:3", "'shipping' is not listed under labels")));
        cases.add(Arguments.of("huge text", config("c23.yaml",
                write("huge.jsonl", GOOD_TRAIN + "{\"text\": \"" + "a".repeat(200_000) + "\", \"label\": \"refund\"}\n").getFileName().toString(),
                "test.jsonl", ZERO, ""), List.of("huge.jsonl:5", "longer than the 100000 allowed")));
        cases.add(Arguments.of("wrong value type", config("c24.yaml", "train.jsonl", "test.jsonl",
                "  - {name: l, kind: lora, learning_rate: fast}\n", ""), List.of("strategies[0].learning_rate", "must be a number")));
        cases.add(Arguments.of("several problems at once", config("c25.yaml", "train.jsonl", "test.jsonl",
                "  - {name: l, kind: lora, rank: 0, epochs: 0}\n", "evaluation: {repeats: 0}\n"),
                List.of("3 problems", "strategies[0].rank", "strategies[0].epochs", "evaluation.repeats")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stopsWithAClearMessage(String name, Path config, List<String> expected) {
        CliRunner result = CliRunner.run("run", config.toString(), "--out", directory.resolve("out-" + name.hashCode()).toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).startsWith("hone: ");
        for (String fragment : expected) assertThat(result.err()).contains(fragment);
        assertThat(result.printedStackTrace()).as(result.err()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void unwritableOutputDirectory() throws IOException {
        Path config = config("c26.yaml", "train.jsonl", "test.jsonl", ZERO, "");
        Path blocked = write("not-a-directory", "a file");
        CliRunner result = CliRunner.run("run", config.toString(), "--out", blocked.resolve("run").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is not writable").contains("--out");
        assertThat(result.printedStackTrace()).isFalse();
    }

    @ParameterizedTest(name = "flags: {0}")
    @MethodSource("flagCases")
    void badFlagsAndArgumentsAreExplained(String name, String[] args, String expected) {
        CliRunner result = CliRunner.run(args);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(expected);
        assertThat(result.printedStackTrace()).isFalse();
    }

    static Stream<Arguments> flagCases() {
        return Stream.of(
                Arguments.of("unknown option", new String[] {"run", "x.yaml", "--speed", "fast"}, "Unknown options: '--speed'"),
                Arguments.of("missing config argument", new String[] {"run"}, "Missing required parameter: 'CONFIG'"),
                Arguments.of("bad --set", new String[] {"run", "examples/none.yaml", "--set", "novalue"}, "not found"),
                Arguments.of("unknown command", new String[] {"train"}, "Unmatched argument"),
                Arguments.of("embed with nothing", new String[] {"embed"}, "nothing to embed"),
                Arguments.of("embed unreadable file", new String[] {"embed", "--input", "/nonexistent/texts.txt"}, "cannot read"),
                Arguments.of("predict a folder that is no candidate", new String[] {"predict", "/tmp", "hi"}, "neither a candidate folder"),
                Arguments.of("serve a folder that is no candidate", new String[] {"serve", "/tmp"}, "neither a candidate folder"),
                Arguments.of("serve with a non-numeric port", new String[] {"serve", "/tmp", "--port", "http"}, "'http' is not an int"));
    }
}
