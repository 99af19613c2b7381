package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone index} and {@code hone search} on part of the project's example product manual with the real
 * all-MiniLM-L6-v2 weights: every format is read, the broken files are skipped with reasons, a
 * re-run re-embeds only what changed, and search prints the documented JSON lines.
 */
class RetrievalCommandsTest {
    static final Path MANUAL = Path.of("..", "examples", "product-manual");
    static final List<String> FILES = List.of("error-codes.md", "factory-reset.txt", "faq.txt", "warranty.md", "safety.md",
            "quick-start-guide.pdf", "vacation-mode.html", "broken.pdf", "corrupted-notes.txt", "firmware.bin");

    @TempDir
    static Path directory;
    static Path docs;
    static Path kb;
    static CliRunner firstIndex;

    @BeforeAll
    static void indexTheManual() throws Exception {
        docs = directory.resolve("docs");
        Files.createDirectories(docs);
        // Every format and every broken file of the manual, but not all its pages: the test stays quick.
        for (String name : FILES) Files.copy(MANUAL.resolve(name), docs.resolve(name));
        kb = directory.resolve("kb");
        firstIndex = CliRunner.run("index", docs.toString(), "--out", kb.toString(), "--chunk-tokens", "120", "--overlap", "20");
    }

    @Test
    void indexesTheManualAndSkipsTheBrokenFilesWithReasons() {
        assertThat(firstIndex.exitCode()).as(firstIndex.err()).isZero();
        assertThat(firstIndex.out()).contains("7 indexed").contains("0 unchanged").contains("3 skipped")
                .contains("skipped broken.pdf: unreadable: corrupt PDF")
                .contains("skipped corrupted-notes.txt: not UTF-8")
                .contains("skipped firmware.bin: unsupported file type");
        assertThat(firstIndex.err()).contains("index file 10/10");
        assertThat(firstIndex.printedStackTrace()).isFalse();
    }

    @Test
    void searchPrintsOneJsonLinePerHitAndFindsTheErrorCodePage() throws Exception {
        CliRunner result = CliRunner.run("search", kb.toString(), "what does error code E1 on the display mean", "--k", "3");
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<JsonNode> hits = new ArrayList<>();
        for (String line : result.out().strip().split("\n")) hits.add(new ObjectMapper().readTree(line));
        assertThat(hits).hasSize(3);
        List<String> keys = new ArrayList<>();
        hits.get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("rank", "score", "source", "chunk", "text");
        assertThat(hits).extracting(h -> h.get("rank").asInt()).containsExactly(1, 2, 3);
        assertThat(hits).extracting(h -> h.get("source").asText()).contains("error-codes.md");
        assertThat(hits.get(0).get("score").asDouble()).isGreaterThanOrEqualTo(hits.get(2).get("score").asDouble());

        CliRunner bm25 = CliRunner.run("search", kb.toString(), "factory reset", "--k", "1", "--mode", "bm25");
        assertThat(bm25.exitCode()).as(bm25.err()).isZero();
        assertThat(new ObjectMapper().readTree(bm25.out().strip()).get("source").asText()).isEqualTo("factory-reset.txt");
    }

    @Test
    void reindexingEmbedsOnlyWhatChangedAndDropsDeletedFiles() throws Exception {
        Path copy = directory.resolve("kb-incremental");
        Path docsCopy = directory.resolve("docs-incremental");
        Files.createDirectories(docsCopy);
        for (String name : List.of("warranty.md", "safety.md", "faq.txt")) Files.copy(docs.resolve(name), docsCopy.resolve(name));
        assertThat(CliRunner.run("index", docsCopy.toString(), "--out", copy.toString()).exitCode()).isZero();
        Files.writeString(docsCopy.resolve("faq.txt"), "Q: Does the thermostat glow in the dark? A: Only the ring light does.\n");
        Files.delete(docsCopy.resolve("safety.md"));
        CliRunner again = CliRunner.run("index", docsCopy.toString(), "--out", copy.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("1 indexed").contains("1 unchanged").contains("1 removed").contains("0 skipped");
        CliRunner hit = CliRunner.run("search", copy.toString(), "glow in the dark", "--k", "1", "--mode", "bm25");
        assertThat(hit.out()).contains("\"source\":\"faq.txt\"").contains("ring light");
    }

    @Test
    void badInputIsExplainedWithoutAStackTrace() {
        expectBadInput(new String[] {"index", directory.resolve("missing").toString(), "--out", directory.resolve("x").toString()},
                "does not exist or is not a folder");
        expectBadInput(new String[] {"index", docs.toString()}, "Missing required option: '--out=KB_DIR'");
        expectBadInput(new String[] {"index", docs.toString(), "--out", directory.resolve("y").toString(), "--chunk-tokens", "4"},
                "--chunk-tokens must be >= 8, got 4");
        expectBadInput(new String[] {"index", docs.toString(), "--out", directory.resolve("y").toString(), "--overlap", "300"},
                "--overlap must be within [0, 199]");
        expectBadInput(new String[] {"index", docs.toString(), "--out", kb.toString(), "--model", "bge-small-en-v1.5"},
                "was built with model 'all-minilm-l6-v2', not 'bge-small-en-v1.5'");
        expectBadInput(new String[] {"search", kb.toString(), "query", "--k", "0"}, "--k must be >= 1, got 0");
        expectBadInput(new String[] {"search", kb.toString(), "query", "--mode", "semantic"}, "unknown search mode 'semantic'; use hybrid, vector or bm25");
        expectBadInput(new String[] {"search", directory.resolve("nowhere").toString(), "query"}, "no knowledge base at");
        expectBadInput(new String[] {"search", kb.toString()}, "Missing required parameter: 'QUERY'");
    }

    private static void expectBadInput(String[] args, String expected) {
        CliRunner result = CliRunner.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.err()).isEqualTo(2);
        assertThat(result.err()).startsWith("hone: ").contains(expected);
        assertThat(result.printedStackTrace()).isFalse();
    }
}
