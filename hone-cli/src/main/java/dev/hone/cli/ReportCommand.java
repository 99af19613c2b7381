package dev.hone.cli;

import dev.hone.report.ReportWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Re-render a run's report from its results.json.", "Writes report.html and report.md into the run folder."},
        footer = {"", "Example:", "  ./hone report runs/support-tickets"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "The run's output directory (holds results.json).")
    Path out;

    @Override
    public Integer call() {
        Path html = ReportWriter.write(out);
        spec.commandLine().getOut().println("Wrote " + html + " and " + html.resolveSibling("report.md"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
