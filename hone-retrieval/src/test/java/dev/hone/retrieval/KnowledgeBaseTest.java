package dev.hone.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseTest {
    @TempDir Path tmp;
    Path docs;
    Path kb;
    final HashingEncoder encoder = new HashingEncoder("hash-v1");
    final Chunker chunker = new Chunker(encoder::countTokens, 40, 8);

    @BeforeEach
    void fixtures() throws Exception {
        docs = tmp.resolve("docs");
        kb = tmp.resolve("kb");
        Files.createDirectories(docs);
        for (String name : List.of("battery.md", "wifi.txt", "warranty.html", "corrupt.pdf", "image.txt", "archive.zip")) {
            try (var in = getClass().getResourceAsStream("/docs/" + name)) {
                Files.copy(in, docs.resolve(name));
            }
        }
        writePdf(docs.resolve("screen.pdf"), "Clean the screen with a dry cloth.");
    }

    @Test
    void indexesEveryFormatAndSkipsBadFilesWithReasons() {
        List<String> progress = new ArrayList<>();
        IndexSummary s = new KnowledgeBase(kb, encoder).index(docs, chunker, progress::add);
        assertThat(s.embeddedFiles()).isEqualTo(4);
        assertThat(s.skipped()).extracting(SkippedFile::source)
                .containsExactlyInAnyOrder("corrupt.pdf", "image.txt", "archive.zip");
        assertThat(s.skipped()).filteredOn(f -> f.source().equals("corrupt.pdf"))
                .singleElement().extracting(SkippedFile::reason).asString().contains("corrupt PDF");
        assertThat(s.skipped()).filteredOn(f -> f.source().equals("image.txt"))
                .singleElement().extracting(SkippedFile::reason).asString().contains("binary");
        assertThat(progress).hasSize(4);

        var kbase = new KnowledgeBase(kb, encoder);
        assertThat(kbase.search("clean screen cloth", 1, SearchMode.BM25)).singleElement()
                .extracting(Hit::source).isEqualTo("screen.pdf");
        List<Hit> html = kbase.search("water damage warranty", 3, SearchMode.VECTOR);
        assertThat(html.get(0).source()).isEqualTo("warranty.html");
        assertThat(html.get(0).text()).doesNotContain("tracking").doesNotContain("<p>");
    }

    @Test
    void threeModesRankTheRightFileFirst() {
        var kbase = new KnowledgeBase(kb, encoder);
        kbase.index(docs, chunker, line -> { });
        for (SearchMode mode : SearchMode.values()) {
            List<Hit> hits = kbase.search("wifi password router", 3, mode);
            assertThat(hits).as(mode.name()).isNotEmpty();
            assertThat(hits.get(0).source()).as(mode.name()).isEqualTo("wifi.txt");
            assertThat(hits).extracting(Hit::rank).startsWith(1);
        }
        // hybrid scores are RRF: first place in both lists gives 2/61
        assertThat(kbase.search("wifi password router", 1, SearchMode.HYBRID).get(0).score())
                .isEqualTo(2.0 / 61, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void reindexOnlyTouchesChangedNewAndDeletedFiles() throws Exception {
        var kbase = new KnowledgeBase(kb, encoder);
        kbase.index(docs, chunker, line -> { });
        Files.writeString(docs.resolve("wifi.txt"), "Bluetooth pairing needs the headphones in pairing mode.");
        Files.delete(docs.resolve("battery.md"));
        Files.writeString(docs.resolve("new.md"), "The kettle boils water in three minutes.");
        IndexSummary s = kbase.index(docs, chunker, line -> { });
        assertThat(s.embeddedFiles()).isEqualTo(2);
        assertThat(s.removedFiles()).isEqualTo(1);
        assertThat(s.unchangedFiles()).isEqualTo(2); // warranty.html and screen.pdf
        // skipped files leave nothing in the index, so they are read and reported again
        assertThat(s.skipped()).hasSize(3);
        List<String> sources = kbase.search("battery wifi kettle bluetooth charge password", 20, SearchMode.BM25)
                .stream().map(Hit::source).toList();
        assertThat(sources).contains("new.md", "wifi.txt").doesNotContain("battery.md");
        assertThat(kbase.search("wifi password", 20, SearchMode.BM25)).extracting(Hit::source).doesNotContain("wifi.txt");
    }

    @Test
    void aDifferentModelIsRefused() {
        new KnowledgeBase(kb, encoder).index(docs, chunker, line -> { });
        assertThatThrownBy(() -> new KnowledgeBase(kb, new HashingEncoder("other")).search("wifi", 3, SearchMode.VECTOR))
                .isInstanceOf(BadInputException.class).hasMessageContaining("built with model 'hash-v1'");
    }

    private static void writePdf(Path file, String text) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 700);
                cs.showText(text);
                cs.endText();
            }
            doc.save(file.toFile());
        }
    }
}
