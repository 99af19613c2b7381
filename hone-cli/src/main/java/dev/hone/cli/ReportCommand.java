package dev.hone.cli;

import dev.hone.report.ReportWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render report.html and report.md of a run from its results.json.",
        footer = {"", "Example:", "  ./hone report runs/support-tickets"})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OUT", description = "The run's output directory (holds results.json).")
    Path out;

    @Override
    public Integer call() {
        Path html = ReportWriter.write(out);
        System.out.println("Wrote " + html + " and " + html.resolveSibling("report.md"));
        return 0;
    }
}
