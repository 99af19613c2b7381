package dev.hone.retrieval;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;

/**
 * Turns a file into plain text by its extension: txt and md as UTF-8, html through jsoup's
 * visible text, pdf through PDFBox. Anything else, or anything that fails to decode, is reported
 * as a reason rather than thrown, so one bad file never stops an ingestion.
 */
public final class DocumentReader {

    /** Either the text of the file or the reason it was skipped. */
    public record Result(Optional<String> text, String skipReason) {
        static Result ok(String text) { return new Result(Optional.of(text), null); }
        static Result skip(String reason) { return new Result(Optional.empty(), reason); }
    }

    public static boolean supported(Path file) {
        String ext = extension(file);
        return ext.equals("txt") || ext.equals("md") || ext.equals("html") || ext.equals("htm") || ext.equals("pdf");
    }

    public Result read(Path file) {
        String ext = extension(file);
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = switch (ext) {
                case "txt", "md" -> utf8(bytes);
                case "html", "htm" -> Jsoup.parse(utf8(bytes)).text();
                case "pdf" -> pdf(bytes);
                default -> null;
            };
            if (text == null) return Result.skip("unsupported file type '." + ext + "' (expected txt, md, html, pdf)");
            if (text.isBlank()) return Result.skip("no text found");
            return Result.ok(text);
        } catch (CharacterCodingException e) {
            return Result.skip("not UTF-8 text (binary file?)");
        } catch (IOException e) {
            return Result.skip("unreadable: " + e.getMessage());
        }
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        for (byte b : bytes) {
            if (b == 0) throw new CharacterCodingException();
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    private static String pdf(byte[] bytes) throws IOException {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(doc);
        } catch (IOException e) {
            throw new IOException("corrupt PDF (" + e.getMessage() + ")", e);
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
