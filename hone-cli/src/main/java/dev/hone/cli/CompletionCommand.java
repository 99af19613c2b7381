package dev.hone.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for bash and zsh.",
            "Load it in the current shell with source <(./hone completion), or save it where your",
            "shell reads completions. Zsh needs autoload -U +X bashcompinit && bashcompinit first."},
        footer = {"", "Examples:", "  source <(./hone completion)", "  ./hone completion > /etc/bash_completion.d/hone"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // picocli's generator walks every subcommand and option of the root command: commands added later are covered.
        out.print(AutoComplete.bash("hone", spec.root().commandLine()));
        out.flush();
        return 0;
    }
}
