package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code hone --help} lists each command with the first line of its description only: every one
 * must be a whole sentence that fits on its row, for every registered command, new ones included.
 */
class HelpSummariesTest {

    @Test
    void everyCommandsFirstLineIsOneSentenceThatFitsItsRow() {
        CommandLine hone = new CommandLine(new Main());
        int width = hone.getUsageHelpWidth();
        int longestName = hone.getSubcommands().keySet().stream().mapToInt(String::length).max().orElse(0);
        // The command list: two spaces, the names' column and two spaces, then the summary.
        int room = width - longestName - 4;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, CommandLine> command : hone.getSubcommands().entrySet()) {
            // The list shows the header's first line when a command has one (picocli's help), else the description's.
            var usage = command.getValue().getCommandSpec().usageMessage();
            String[] summary = usage.header().length > 0 ? usage.header() : usage.description();
            String first = summary.length == 0 ? "" : summary[0];
            if (!first.endsWith(".")) problems.add(command.getKey() + ": '" + first + "' does not end with a period");
            if (first.length() > room) problems.add(command.getKey() + ": '" + first + "' is " + first.length() + " characters, over " + room);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCommandListHasOneRowPerCommand() {
        CliRunner help = CliRunner.run("--help");
        String commands = help.out().substring(help.out().indexOf("Commands:"), help.out().indexOf("Examples:"));
        for (String line : commands.lines().skip(1).toList()) {
            if (line.isBlank()) continue;
            assertThat(line).as("a summary that wrapped onto a second row").matches("  \\S+ +\\S.*\\.");
        }
    }

    @Test
    void completionPrintsABashScriptCoveringEveryCommand() {
        CliRunner completion = CliRunner.run("completion");
        assertThat(completion.exitCode()).isZero();
        assertThat(completion.out()).contains("complete -F", "hone");
        for (String command : new CommandLine(new Main()).getSubcommands().keySet()) assertThat(completion.out()).contains(command);
    }
}
