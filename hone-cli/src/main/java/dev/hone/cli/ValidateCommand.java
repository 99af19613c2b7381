package dev.hone.cli;

import dev.hone.config.ConfigProblem;
import dev.hone.run.ConfigCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a config and its data without running anything.",
            "Reports every problem at its file:line and exits 2, or prints one line and exits 0:",
            "the config's keys and values, then each dataset file's rows and labels. No model is",
            "loaded and nothing is trained."},
        footer = {"", "Example:", "  ./hone validate hone.yaml"})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The hone.yaml to check.")
    Path config;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a config value, as hone run does (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        ConfigCheck.Outcome outcome = ConfigCheck.check(config, overrides);
        if (outcome.ok()) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("hone: " + config + " is OK: " + outcome.summary());
            out.flush();
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        List<ConfigProblem> problems = outcome.problems();
        err.println("hone: " + config + ": " + (problems.size() == 1 ? "1 problem" : problems.size() + " problems"));
        for (ConfigProblem problem : problems) err.println("  " + problem.toString().replace("\n", "\n    "));
        err.flush();
        return 2;
    }
}
