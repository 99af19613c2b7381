package dev.hone.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * One run's {@code results.json}: the contract's top level (task, model, config, provenance,
 * candidates, decision) and, by task kind, what was measured on what data.
 */
public sealed interface RunResults permits ClassificationResults, RetrievalResults, GenerationResults {
    /** Written into every file; bumped when a field is renamed or dropped (adding one is compatible). */
    int FORMAT_VERSION = 1;

    int formatVersion();

    Task task();

    String model();

    /** The config as it ran: defaults filled in, secrets left out. */
    JsonNode config();

    Provenance provenance();

    List<? extends CandidateResults> candidates();

    Decision decision();

    /** Reads a results.json of any task kind; a clear error naming the file when it is not one. */
    static RunResults read(Path file) {
        return ResultsJson.read(file);
    }

    /** Writes through a temporary file and a rename, so readers never see half a document. */
    default void write(Path file) {
        ResultsJson.write(file, this);
    }
}
