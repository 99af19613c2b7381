package dev.hone.cli;

import dev.hone.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the bundled example: every strategy on support intents.",
            "The customer-support intents example, on the embedded encoder."},
        footer = {"", "Example:", "  ./hone demo --out runs/demo"})
final class DemoCommand implements Callable<Integer> {
    static final Path EXAMPLE = Path.of("examples", "support-intents", "hone.yaml");

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<timestamp>).")
    Path out;

    /** The demo is a run like any other: it is recorded in the run history too. */
    @Mixin
    StoreOption store;

    @Override
    public Integer call() {
        return RunCommand.execute(example(), out, List.of(), false, false, store.location(), spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    /**
     * The example config, found from HONE_HOME (set by the launchers: the checkout for ./hone, the
     * unpacked folder for the distribution's bin/hone) or the working directory.
     */
    static Path example() {
        String home = System.getenv("HONE_HOME");
        Path candidate = home != null ? Path.of(home).resolve(EXAMPLE) : EXAMPLE;
        if (!Files.isRegularFile(candidate)) {
            throw new BadInputException("the demo config " + candidate + " is missing; run ./hone demo from the Hone checkout,"
                    + " or bin/hone demo from the unpacked distribution");
        }
        return candidate;
    }
}
