package dev.hone.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Hone's one JSON mapper, configured here and nowhere else. {@link #MAPPER} reads and writes
 * compact JSON with Jackson's defaults; {@link #PRETTY} writes the indented JSON of files people
 * open. Both are thread-safe; never reconfigure {@link #MAPPER}, derive a writer or reader from it.
 */
public final class Json {
    /** Reads JSON and writes it compact, one line; Jackson's default settings. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** Writes indented JSON with Jackson's default pretty printer (the same bytes as {@code INDENT_OUTPUT}). */
    public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }

    /** {@link #writeAtomically(Path, Object, ObjectWriter)} with the indented {@link #PRETTY} writer. */
    public static void writeAtomically(Path file, Object value) throws IOException {
        writeAtomically(file, value, PRETTY);
    }

    /**
     * Writes {@code value} to a temporary sibling of {@code file}, then renames it over
     * {@code file}: a reader, or the next run after a crash, sees the old document or the new one,
     * never half of one. The rename is atomic where the file system can do it and a plain replace
     * where it cannot. Every call uses a temporary file of its own, so concurrent writers of the
     * same file leave one whole document. The parent folder must exist.
     */
    public static void writeAtomically(Path file, Object value, ObjectWriter writer) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (var out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.writeValue(out, value);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
