package dev.hone.cli;

import dev.hone.results.RunResults;
import dev.hone.store.RecordedRun;
import dev.hone.store.RunRecords;
import dev.hone.store.RunStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Add existing run folders (each holds results.json) to the run history.",
            "A folder already recorded (same folder, same start) is left as it is.",
            "results.json holds no prompt texts: an imported run keeps their hashes only."},
        footer = {"", "Example:", "  ./hone runs import runs/20261201-101500 runs/20261202-093000"})
final class RunsImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    /** {@code hone runs --store X import DIR}: the store given before {@code import} counts too. */
    @ParentCommand
    RunsCommand parent;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Run folders (the --out of hone run).")
    List<Path> folders;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // Every folder is read before anything is written: one bad folder adds none.
        List<RecordedRun> runs = folders.stream().map(folder -> {
            Path results = folder.resolve("results.json");
            if (!Files.isRegularFile(results)) {
                throw new dev.hone.error.BadInputException(folder + " holds no results.json; pass the folder of a finished run");
            }
            return RunRecords.imported(RunResults.read(results), folder);
        }).toList();
        try (RunStore history = RunStore.open(store.location(parent == null ? null : parent.store))) {
            for (RecordedRun run : runs) {
                boolean added = history.importRun(run);
                out.println((added ? "imported " + run.run().id() : "already recorded") + "  " + run.run().out());
            }
        }
        out.flush();
        return 0;
    }
}
