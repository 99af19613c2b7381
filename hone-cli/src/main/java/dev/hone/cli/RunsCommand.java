package dev.hone.cli;

import dev.hone.store.RunRow;
import dev.hone.store.RunStore;
import dev.hone.store.RunSummary;
import dev.hone.store.StoreJson;
import dev.hone.store.StoreLocation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "runs", mixinStandardHelpOptions = true, subcommands = RunsImportCommand.class,
        description = {"List the runs in the run history, newest first."},
        footer = {"", "Examples:", "  ./hone runs", "  ./hone runs --task support-intents --limit 5",
            "  ./hone runs --json | jq -r .recommended_accuracy", "  ./hone runs import runs/*/"})
final class RunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Option(names = "--task", paramLabel = "NAME", description = "Only runs of this task.")
    String task;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON object per line: id, task, started_at, model, recommended, "
            + "recommended_accuracy, out, ….")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        PrintWriter out = spec.commandLine().getOut();
        StoreLocation location = store.location();
        if (!StoreOption.readable(location)) {
            // Listing must not leave an empty database behind (a mistyped --store would become a store).
            if (!json) out.println("no runs recorded in " + location.describe() + " (no such file); 'hone run CONFIG' records one");
            out.flush();
            return 0;
        }
        List<RunSummary> runs;
        try (RunStore history = RunStore.open(location)) {
            runs = history.runs(task, limit);
        }
        if (json) {
            runs.forEach(r -> out.println(StoreJson.runLine(r)));
        } else if (runs.isEmpty()) {
            out.println("no runs" + (task == null ? "" : " of task '" + task + "'") + " in " + store.location().describe()
                    + "; 'hone run CONFIG' records one, 'hone runs import DIR' adds an existing run folder");
        } else {
            out.println(String.format(Locale.ROOT, "%-12s  %-19s  %-20s  %-14s  %-20s  %-18s  %8s  %s", "id", "started (UTC)", "task",
                    "kind", "model", "recommended", "score", "status"));
            for (RunSummary summary : runs) {
                RunRow r = summary.run();
                out.println(String.format(Locale.ROOT, "%-12s  %-19s  %-20s  %-14s  %-20s  %-18s  %8s  %s", r.id(),
                        shortTime(r.startedAt()), cut(r.task(), 20), r.kind(), cut(r.model(), 20),
                        cut(r.recommended() == null ? "-" : r.recommended(), 18), score(summary.recommendedScore()), r.status()));
            }
        }
        out.flush();
        return 0;
    }

    static String shortTime(String iso) {
        if (iso == null) return "-";
        String plain = iso.replace('T', ' ');
        return plain.length() > 19 ? plain.substring(0, 19) : plain;
    }

    static String score(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    static String cut(String text, int width) {
        if (text == null) return "-";
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
