package dev.hone.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A sentence-transformers folder made outside Hone from a built-in encoder's weights loads by path
 * and embeds like the built-in. {@code src/test/python/st_folder_from_onnx.py} (Debian's onnx and
 * numpy, no Hone code) names the ONNX file's initialisers as Hugging Face's BertModel does, writes
 * them to model.safetensors with config.json, tokenizer files, modules.json, 1_Pooling/config.json,
 * 2_Normalize and sentence_bert_config.json, and the folder goes through {@link Encoders#load(String)},
 * the entry point of {@code model: /path}. Pooling and length come from the published
 * sentence-transformers configs of the two models (mean and 256 tokens for all-MiniLM-L6-v2, CLS and
 * 512 for bge-small-en-v1.5), so the folder's are checked against the built-ins', not copied from them.
 *
 * <p>Debian's python3-onnx and python3-numpy are installed by {@code scripts/ensure-python-onnx},
 * which this module's build runs before its tests.
 */
class OutsideMadeFolderTest {
    /** Debian's interpreter, where python3-onnx installs (a pyenv or venv python3 first on PATH would lack it). */
    static final String PYTHON = "/usr/bin/python3";
    static final Path SCRIPT = Path.of("src/test/python/st_folder_from_onnx.py");
    /** Words the BERT uncased vocabulary holds whole, so n of them are n tokens. */
    static final String[] SINGLE_TOKEN_WORDS = {"the", "order", "was", "late", "and", "the", "box", "was", "open"};

    static final List<String> TEXTS = List.of(
            "Hi",
            "ok",
            "?",
            "...",
            "!!!???",
            "Where is my order?",
            "I want a refund!!!",
            "The package arrived damaged, and the box was soaked.",
            "Order #12345 cost $89.99 on 2024-03-15 at 10:30.",
            "naïve café – 東京",
            "Ünïcödé façade, jalapeño, smörgåsbord & crème brûlée.",
            "Привет, как дела?",
            "Ελληνικά και العربية και עברית",
            "日本語のテキストと中文文本",
            "🙂 thanks a lot 👍",
            "can u pls cancel my subscrption asap",
            "WHY IS EVERYTHING IN CAPITALS",
            "What's the difference between the Pro and the Basic plan?",
            "\"Quoted\" text (with parentheses) [and brackets] {and braces}.",
            "e-mail: someone@example.com, phone: +1 (555) 123-4567",
            "https://example.com/path?query=1&other=two#fragment",
            "tab\tseparated\tvalues and a\nnew line",
            "   leading and trailing spaces   ",
            "The quick brown fox jumps over the lazy dog.",
            "1 2 3 4 5 6 7 8 9 10",
            "Machine learning models can be prompted, retrieval-augmented, or fine-tuned; each route has costs.",
            "I have been a loyal customer for many years and I have never had a problem like this before. "
                    + "Last week I ordered a pair of headphones, and when they arrived the left ear cup was cracked.");

    @BeforeAll
    static void pythonWithOnnx() throws Exception {
        assertThat(SCRIPT).as("the script, relative to hone-engine (the tests' working directory)").isRegularFile();
        Process check = new ProcessBuilder(PYTHON, "-c", "import onnx, numpy").redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(PYTHON + " must import onnx and numpy (run scripts/ensure-python-onnx): " + output)
                .isZero();
    }

    @ParameterizedTest
    @CsvSource({"all-minilm-l6-v2, mean, MEAN, 256", "bge-small-en-v1.5, cls, CLS, 512"})
    void loadsByPathAndEmbedsLikeTheBuiltIn(String name, String poolingOption, Pooling pooling, int maxSeqLength,
                                            @TempDir Path directory) throws Exception {
        Path folder = directory.resolve(name);
        run(List.of("--onnx", extract(name + ".onnx", directory).toString(),
                "--tokenizer", extract(name + "-tokenizer.json", directory).toString(),
                "--pooling", poolingOption, "--max-seq-length", Integer.toString(maxSeqLength), "--normalize",
                "--out", folder.toString()), true);
        assertThat(folder.resolve("model.safetensors")).isRegularFile();
        assertThat(folder.resolve("model.onnx")).as("the folder's weights are its safetensors").doesNotExist();

        EncoderModel builtIn = Encoders.load(name);
        EncoderModel outside = Encoders.load(folder.toString());
        assertThat(outside.info().pooling()).as("pooling read from 1_Pooling/config.json").isEqualTo(pooling)
                .isEqualTo(builtIn.info().pooling());
        assertThat(outside.info().maxTokens()).as("max_seq_length").isEqualTo(maxSeqLength)
                .isEqualTo(builtIn.info().maxTokens());
        assertThat(outside.info().dimension()).isEqualTo(builtIn.info().dimension());
        assertThat(outside.info().parameters()).as("the pooler is left out, as in the built-in")
                .isEqualTo(builtIn.info().parameters());

        List<String> texts = new ArrayList<>(TEXTS);
        String nearCap = words(maxSeqLength - 5);
        String overCap = words(2 * maxSeqLength);
        texts.add(nearCap);
        texts.add(overCap);
        assertThat(outside.countTokens(nearCap)).as("three tokens short of the cap, [CLS] and [SEP] included")
                .isEqualTo(maxSeqLength - 3);
        assertThat(outside.countTokens(overCap)).as("cut to the cap").isEqualTo(maxSeqLength);

        float[][] expected = builtIn.embed(texts);
        float[][] actual = outside.embed(texts);
        double worst = 1;
        String worstText = null;
        double largestDifference = 0;
        for (int i = 0; i < texts.size(); i++) {
            for (int j = 0; j < expected[i].length; j++) {
                largestDifference = Math.max(largestDifference, Math.abs(expected[i][j] - actual[i][j]));
            }
            double cosine = cosine(expected[i], actual[i]);
            if (cosine < worst) {
                worst = cosine;
                worstText = texts.get(i);
            }
        }
        System.out.printf("OutsideMadeFolderTest %s: %d texts, min cosine %.9f (%s), max |difference| %.3g%n", name,
                texts.size(), worst, worstText == null ? "every text" : abbreviate(worstText), largestDifference);
        assertThat(worst).as("min cosine between the folder's and the built-in's embeddings").isGreaterThanOrEqualTo(0.9999);
    }

    /** The script refuses a graph it cannot map completely: an initialiser it cannot name, a BERT weight missing. */
    @ParameterizedTest
    @CsvSource({"add, onnx::MatMul_stray, initialisers left unmapped", "remove, embeddings.LayerNorm.bias, BertModel weights missing"})
    void scriptFailsLoudlyOnAnIncompleteMapping(String change, String initialiser, String message, @TempDir Path directory)
            throws Exception {
        Path onnx = extract("all-minilm-l6-v2.onnx", directory);
        Path changed = directory.resolve("changed.onnx");
        String edit = """
                import sys, numpy, onnx
                from onnx import numpy_helper
                model = onnx.load(sys.argv[1])
                change, name = sys.argv[3], sys.argv[4]
                if change == "add":
                    model.graph.initializer.append(numpy_helper.from_array(numpy.zeros((4, 4), numpy.float32), name))
                else:
                    model.graph.initializer.remove(next(t for t in model.graph.initializer if t.name == name))
                onnx.save(model, sys.argv[2])
                """;
        assertThat(exec(List.of(PYTHON, "-c", edit, onnx.toString(), changed.toString(), change, initialiser)).exitCode)
                .isZero();
        Result result = run(List.of("--onnx", changed.toString(),
                "--tokenizer", extract("all-minilm-l6-v2-tokenizer.json", directory).toString(),
                "--pooling", "mean", "--max-seq-length", "256", "--out", directory.resolve("folder").toString()), false);
        assertThat(result.exitCode).as(result.output).isNotZero();
        assertThat(result.output).contains(message).contains(initialiser);
        assertThat(directory.resolve("folder")).as("nothing is written").doesNotExist();
    }

    static String words(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) text.append(' ');
            text.append(SINGLE_TOKEN_WORDS[i % SINGLE_TOKEN_WORDS.length]);
        }
        return text.toString();
    }

    record Result(int exitCode, String output) {
    }

    static Result run(List<String> arguments, boolean mustSucceed) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString()));
        command.addAll(arguments);
        Result result = exec(command);
        if (mustSucceed) assertThat(result.exitCode).as("st_folder_from_onnx.py: " + result.output).isZero();
        return result;
    }

    static Result exec(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        return new Result(process.waitFor(), new String(output, StandardCharsets.UTF_8));
    }

    /** A built-in's file from its model jar on the test class path, copied into {@code directory}. */
    static Path extract(String resource, Path directory) throws IOException {
        Path file = directory.resolve(resource);
        if (Files.exists(file)) return file;
        try (InputStream in = OutsideMadeFolderTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("model jar resource " + resource).isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
