package dev.hone.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code report.html} and {@code report.md} into a run directory from its {@code results.json} alone. */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** Renders both reports; returns the path of {@code report.html}. */
    public static Path write(Path runDirectory) {
        Path json = runDirectory.resolve("results.json");
        if (!Files.isRegularFile(json)) {
            throw new BadInputException("expected " + json + " (written by `hone run`), found no such file; "
                    + "pass the run's output directory");
        }
        ObjectNode results;
        try {
            JsonNode tree = new ObjectMapper().readTree(json.toFile());
            if (!(tree instanceof ObjectNode object)) {
                throw new BadInputException(json + ": expected a JSON object at the top level; re-run `hone run`");
            }
            results = object;
        } catch (IOException e) {
            throw new BadInputException(json + ": not readable JSON (" + e.getMessage() + "); re-run `hone run`");
        }
        String kind = results.path("task").path("kind").asText();
        boolean retrieval = "retrieval".equals(kind);
        boolean generation = "generation".equals(kind);
        Path html = runDirectory.resolve("report.html");
        try {
            Files.writeString(html, retrieval ? RetrievalReport.html(results) : generation ? GenerationReport.html(results)
                    : HtmlReport.render(results), StandardCharsets.UTF_8);
            Files.writeString(runDirectory.resolve("report.md"), retrieval ? RetrievalReport.markdown(results)
                    : generation ? GenerationReport.markdown(results) : MarkdownReport.render(results), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HoneException("could not write the report into " + runDirectory + ": " + e.getMessage(), e);
        }
        return html;
    }
}
