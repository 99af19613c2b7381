package dev.hone.cli;

import dev.hone.store.PromptVersion;
import dev.hone.store.RecordedRun;
import dev.hone.store.RunRow;
import dev.hone.store.RunStore;
import dev.hone.store.StoredCandidate;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show one run of the run history.",
            "What ran, its candidates, its decision and its prompts."},
        footer = {"", "Examples:", "  ./hone show 3fa2c1d0e9ab", "  ./hone show 3fa2 --config"})
final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "A run's id, or the start of one that no other run shares.")
    String id;

    @Option(names = "--config", description = "Also print the resolved config the run used.")
    boolean config;

    @Override
    public Integer call() {
        RecordedRun run;
        StoreOption.requireReadable(store.location());
        try (RunStore history = RunStore.open(store.location())) {
            run = history.find(id);
        }
        PrintWriter out = spec.commandLine().getOut();
        RunRow r = run.run();
        out.println("run " + r.id() + " (" + r.status() + ")");
        out.println("  task:      " + r.task() + " (" + r.kind() + ")");
        out.println("  model:     " + r.model());
        out.println("  started:   " + r.startedAt() + (r.finishedAt() == null ? "" : "   finished: " + r.finishedAt()));
        out.println("  out:       " + r.out());
        out.println("  hone:      " + r.honeVersion() + " on Java " + r.javaVersion() + ", seed " + r.seed());
        if (r.datasetSha256() != null) out.println("  data:      sha256 " + r.datasetSha256());
        if (r.testSha256() != null) out.println("  test set:  " + r.testExamples() + " examples, sha256 " + r.testSha256());
        if (!r.complete()) {
            out.println("  (the run did not finish: it was stopped or failed before its results were recorded)");
        }
        if (!run.candidates().isEmpty()) {
            out.println();
            out.println(String.format(Locale.ROOT, "  %-22s %-20s %9s %10s %9s %12s  %s", "candidate", "kind", r.primaryMetric(),
                    "selection", "p95 ms", "$/month", "prompt"));
            for (StoredCandidate c : run.candidates()) {
                out.println(String.format(Locale.ROOT, "%s %-22s %-20s %9s %10s %9s %12s  %s",
                        c.name().equals(r.recommended()) ? "*" : " ", RunsCommand.cut(c.name(), 22), RunsCommand.cut(c.kind(), 20),
                        RunsCommand.score(c.score()), RunsCommand.score(c.selectionScore()), number(c.latencyMsP95(), "%.1f"),
                        number(c.monthlyCostUsd(), "%.2f"), c.promptSha256() == null ? "-" : shortHash(c.promptSha256())));
            }
        }
        if (r.decisionReason() != null) {
            out.println();
            out.println("decision: " + (r.recommended() == null ? "none" : r.recommended()) + " — " + r.decisionReason());
        }
        for (StoredCandidate c : run.candidates()) {
            var o = c.optimization();
            if (o == null) continue;
            out.println();
            out.println(String.format(Locale.ROOT, "prompt of %s optimised (%s of the %s): %s → %s, trial %d of %d kept (%.3f → %.3f on %d "
                    + "training examples)", c.name(), o.method(), o.target(), shortHash(o.promptBefore() == null ? null
                    : PromptVersion.ofText(o.promptBefore()).sha256()), shortHash(o.promptAfter() == null ? null
                    : PromptVersion.ofText(o.promptAfter()).sha256()), o.bestTrial(), o.trials().size(), o.baselineScore(),
                    o.bestScore(), o.examples()));
        }
        for (PromptVersion p : run.prompts()) {
            out.println();
            out.println("prompt " + shortHash(p.sha256()) + ":");
            out.println(p.text() == null ? "  (text not stored: the run was imported from its folder)" : indent(p.text()));
        }
        if (config) {
            out.println();
            out.println("config:");
            out.println(indent(r.config()));
        }
        out.flush();
        return 0;
    }

    private static String number(Double value, String format) {
        return value == null ? "-" : String.format(Locale.ROOT, format, value);
    }

    /** The first 12 hex digits, as the report shows prompt hashes. */
    static String shortHash(String sha256) {
        return sha256 == null ? "none" : sha256.substring(0, Math.min(12, sha256.length()));
    }

    static String indent(String text) {
        return "  " + text.strip().replace("\n", "\n  ");
    }
}
