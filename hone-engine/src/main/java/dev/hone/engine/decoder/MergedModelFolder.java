package dev.hone.engine.decoder;

import dev.hone.engine.weights.SafetensorsCheckpoint;
import dev.hone.error.BadInputException;
import dev.hone.files.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A merged model as a Hugging Face folder, loadable by transformers and by Hone alike: the base's
 * {@code config.json}, tokenizer and generation files copied, and one {@code model.safetensors} with
 * every base tensor in its stored type, the adapted projections merged ({@link AdapterMerge}) and
 * rounded back to that type. The adapter's files are not copied: nothing is left to apply.
 */
public final class MergedModelFolder {
    private MergedModelFolder() {
    }

    /**
     * Writes the folder {@code out} (which must not exist yet, or be empty): first as {@code out.partial}
     * beside it, then renamed, so an interrupted export never leaves a half-written model under the final name.
     *
     * @throws BadInputException when {@code out} holds files or cannot be written, saying what to do
     */
    public static void write(AdapterMerge merge, Path out) {
        Folders.writeWhole(out, "the merged model", folder -> {
            for (Path file : modelFiles(merge.modelFolder())) Files.copy(file, folder.resolve(file.getFileName()));
            SafetensorsCheckpoint.open(merge.modelFolder()).writeSingleFile(folder.resolve(SafetensorsCheckpoint.SINGLE_FILE),
                    merge::delta);
        });
    }

    /** The base folder's files other than its weights (config, tokenizer, generation settings, license …). */
    private static List<Path> modelFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(file -> !isWeights(file.getFileName().toString())).sorted().toList();
        }
    }

    private static boolean isWeights(String name) {
        return name.endsWith(".safetensors") || name.equals(SafetensorsCheckpoint.INDEX_FILE) || name.endsWith(".bin")
                || name.endsWith(".gguf");
    }
}
