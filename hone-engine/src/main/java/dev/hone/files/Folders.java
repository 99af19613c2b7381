package dev.hone.files;

import dev.hone.error.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Writing a folder whole or not at all, and removing one. */
public final class Folders {
    /** What goes into the folder being written. */
    @FunctionalInterface
    public interface Contents {
        void writeInto(Path folder) throws IOException;
    }

    private Folders() {
    }

    /**
     * Writes the folder {@code out} (which must not exist yet, or be empty): first as {@code out.partial}
     * beside it, then renamed, so an interrupted write never leaves a half-written {@code what} (say,
     * "the merged model") under the final name.
     *
     * @throws BadInputException when {@code out} holds files or cannot be written, saying what to do
     */
    public static void writeWhole(Path out, String what, Contents contents) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.isRegularFile(target) || (Files.isDirectory(target) && !isEmpty(target))) {
            throw new BadInputException("cannot write " + what + " to " + out + ": it exists and is not an empty folder; "
                    + "choose a new folder name");
        }
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadInputException("cannot write " + out + ": the folder " + parent + " does not exist; create it first");
        }
        Path partial = parent.resolve(target.getFileName() + ".partial");
        try {
            deleteTree(partial);
            Files.createDirectories(partial);
            contents.writeInto(partial);
            Files.deleteIfExists(target);
            Files.move(partial, target);
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("cannot write " + out + " (" + e + "); choose a writable place with room for the model", e);
        }
    }

    /** Removes {@code folder} and everything in it; nothing happens when it does not exist. */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (Stream<Path> entries = Files.walk(folder)) {
            for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) Files.delete(entry);
        }
    }

    private static boolean isEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
