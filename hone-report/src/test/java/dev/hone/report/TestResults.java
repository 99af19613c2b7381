package dev.hone.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.results.ClassificationResults;
import dev.hone.results.ResultsJson;
import java.io.UncheckedIOException;

/** Results documents written inline in a test, read through the one binding the report reads them with. */
final class TestResults {
    private TestResults() {
    }

    static ClassificationResults classification(String json) {
        try {
            return (ClassificationResults) ResultsJson.fromTree(new ObjectMapper().readTree(json), "inline test results");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
