package dev.hone.report;

import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import dev.hone.results.ClassificationResults;
import dev.hone.results.Decision;
import dev.hone.results.GenerationResults;
import dev.hone.results.RetrievalResults;
import dev.hone.results.RunResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code report.html} and {@code report.md} into a run directory from its {@code results.json} alone.
 * The report shows what the run decided and measured; it never decides again, so figures the file lacks
 * (statistics of a run still going, or of an older file) are shown as absent.
 */
public final class ReportWriter {
    /** What a file without a decision (a run still going) reads as: nothing recommended, no reason yet. */
    static final Decision NO_DECISION = Decision.of(null, null, null, null);

    private ReportWriter() {
    }

    /** Renders both reports; returns the path of {@code report.html}. */
    public static Path write(Path runDirectory) {
        Path json = runDirectory.resolve("results.json");
        if (!Files.isRegularFile(json)) {
            throw new BadInputException("expected " + json + " (written by `hone run`), found no such file; "
                    + "pass the run's output directory");
        }
        RunResults results;
        try {
            results = RunResults.read(json);
        } catch (HoneException e) {
            throw new BadInputException(e.getMessage() + "; re-run `hone run`", e);
        }
        Pages pages = switch (results) {
            case ClassificationResults classification -> new Pages(HtmlReport.render(classification), MarkdownReport.render(classification));
            case RetrievalResults retrieval -> new Pages(RetrievalReport.html(retrieval), RetrievalReport.markdown(retrieval));
            case GenerationResults generation -> new Pages(GenerationReport.html(generation), GenerationReport.markdown(generation));
        };
        Path html = runDirectory.resolve("report.html");
        try {
            Files.writeString(html, pages.html(), StandardCharsets.UTF_8);
            Files.writeString(runDirectory.resolve("report.md"), pages.markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HoneException("could not write the report into " + runDirectory + ": " + e.getMessage(), e);
        }
        return html;
    }

    /** The run's decision, or {@link #NO_DECISION} when the file has none. */
    static Decision decision(RunResults results) {
        return results.decision() == null ? NO_DECISION : results.decision();
    }

    /** The config's task name, or null when the file has none. */
    static String taskName(RunResults results) {
        return results.task() == null ? null : results.task().name();
    }

    private record Pages(String html, String markdown) {
    }
}
