package dev.hone.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The one place results.json (and a candidate's card) is bound to and from the records of this package. */
public final class ResultsJson {

    private ResultsJson() {
    }

    static RunResults read(Path file) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new HoneException(file + " does not exist; pass the folder of a finished run (it holds results.json)", e);
        } catch (IOException e) {
            throw new HoneException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        return fromTree(tree, file.toString());
    }

    /** The records of a results document already parsed; {@code where} names it in errors. */
    public static RunResults fromTree(JsonNode tree, String where) {
        String kind = tree.path("task").path("kind").asText(Task.CLASSIFICATION);
        Class<? extends RunResults> type = switch (kind) {
            case Task.CLASSIFICATION -> ClassificationResults.class;
            case Task.RETRIEVAL -> RetrievalResults.class;
            case Task.GENERATION -> GenerationResults.class;
            default -> throw new HoneException(where + ": task.kind '" + kind + "' is not one Hone writes (classification, retrieval, generation)");
        };
        try {
            // Fields a newer Hone adds are skipped, so an older Hone still reads its results.
            return Json.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(tree);
        } catch (IOException | IllegalArgumentException e) {
            throw new HoneException(where + " is not a results.json Hone can read: " + e.getMessage(), e);
        }
    }

    /** A record of this package as a JSON tree (for files that embed one, such as a candidate's card). */
    public static com.fasterxml.jackson.databind.node.ObjectNode toTree(Object record) {
        return Json.MAPPER.valueToTree(record);
    }

    static CandidateCard readCard(Path file) {
        try {
            return Json.MAPPER.readerFor(CandidateCard.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile());
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            throw new HoneException(file + " does not exist; pass a candidate folder (runs/<run>/candidates/<name>)", e);
        } catch (IOException e) {
            throw new HoneException(file + " is not a candidate card Hone can read: " + e.getMessage(), e);
        }
    }

    static void writeCard(Path file, CandidateCard card) {
        try {
            Json.writeAtomically(file, card);
        } catch (IOException e) {
            throw new HoneException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(Path file, RunResults results) {
        try {
            Json.writeAtomically(file, results);
        } catch (IOException e) {
            throw new HoneException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A record of this package as indented JSON. */
    static String pretty(Object record) {
        try {
            return Json.PRETTY.writeValueAsString(record);
        } catch (IOException e) {
            throw new HoneException("cannot write " + record.getClass().getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }
}
