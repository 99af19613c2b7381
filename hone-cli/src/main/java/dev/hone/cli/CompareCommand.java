package dev.hone.cli;

import dev.hone.store.RecordedRun;
import dev.hone.store.RunComparison;
import dev.hone.store.RunStore;
import dev.hone.store.StoreJson;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two runs of the run history.",
            "Candidates are matched by name, with score and cost deltas (B minus A), an exact McNemar p-value per candidate when both",
            "runs share a test set, and the config and prompt differences."},
        footer = {"", "Examples:", "  ./hone compare 3fa2 91bc", "  ./hone compare 3fa2 91bc --json",
            "  ./hone compare \"$BASELINE\" \"$CANDIDATE\" --fail-on-regression",
            "", "Exit codes: 0 ok, 1 failure, 2 bad input, 3 regression (with",
            "--fail-on-regression: B's recommended candidate is worse than A's candidate",
            "of the same name at p < 0.05 on a shared test set)."})
final class CompareCommand implements Callable<Integer> {
    static final int REGRESSION_EXIT_CODE = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "The baseline run (id or unique prefix).")
    String a;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The run compared with it.")
    String b;

    @Option(names = "--json", description = "Print the comparison as JSON: a, b, same_test_set, candidates "
            + "[name, accuracy_a, accuracy_b, delta, p_value, …], config_diff, ….")
    boolean json;

    @Option(names = "--fail-on-regression", description = "Exit 3 when B's recommended candidate is significantly worse "
            + "(p < 0.05) than A's candidate of the same name on a shared test set.")
    boolean failOnRegression;

    @Override
    public Integer call() {
        RunComparison comparison;
        StoreOption.requireReadable(store.location());
        try (RunStore history = RunStore.open(store.location())) {
            RecordedRun runA = history.find(a);
            RecordedRun runB = history.find(b);
            comparison = RunComparison.of(runA, runB);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json) out.println(StoreJson.comparison(comparison));
        else print(comparison, out);
        out.flush();
        if (!failOnRegression) return 0;
        var regression = comparison.regression();
        if (regression.isPresent()) {
            var d = regression.get();
            err.println(String.format(Locale.ROOT, "hone: regression: %s scores %.3f in %s against %.3f in %s (%+.3f, McNemar p = %.4f "
                    + "< %.2f); exit code %d", d.name(), d.scoreB(), comparison.b(), d.scoreA(), comparison.a(), d.delta(), d.pValue(),
                    RunComparison.SIGNIFICANCE, REGRESSION_EXIT_CODE));
            err.flush();
            return REGRESSION_EXIT_CODE;
        }
        if (comparison.noPValues() != null) {
            err.println("hone: warning: " + comparison.noPValues() + ", so no difference can be tested; --fail-on-regression passes");
        } else if (comparison.recommendedB() == null || comparison.candidates().stream().noneMatch(c -> c.name().equals(comparison.recommendedB()))) {
            err.println("hone: warning: B recommends no candidate that A also has, so there is nothing to test; --fail-on-regression passes");
        }
        err.flush();
        return 0;
    }

    private static void print(RunComparison c, PrintWriter out) {
        out.println("A: " + c.a() + (c.recommendedA() == null ? "" : " (recommends " + c.recommendedA() + ")"));
        out.println("B: " + c.b() + (c.recommendedB() == null ? "" : " (recommends " + c.recommendedB() + ")"));
        out.println(c.pairedOn() != null ? "same test set: yes (p-values: exact McNemar, pairing the runs example by example on "
                + "whether " + c.pairedOn() + ")"
                : "same test set: " + (c.sameTestSet() ? "yes" : "no") + " (deltas only; no p-values: " + c.noPValues() + ")");
        out.println();
        out.println(String.format(Locale.ROOT, "  %-22s %9s %9s %8s %9s %12s %12s", "candidate", c.metric() + " A", "B", "delta",
                "p-value", "$/month A", "$/month B"));
        for (RunComparison.CandidateDelta d : c.candidates()) {
            String mark = d.name().equals(c.recommendedB()) ? "*" : " ";
            out.println(String.format(Locale.ROOT, "%s %-22s %9s %9s %8s %9s %12s %12s%s", mark, RunsCommand.cut(d.name(), 22),
                    RunsCommand.score(d.scoreA()), RunsCommand.score(d.scoreB()),
                    d.delta() == null ? "-" : String.format(Locale.ROOT, "%+.3f", d.delta()),
                    d.pValue() == null ? "-" : String.format(Locale.ROOT, "%.4f", d.pValue()), money(d.monthlyCostA()),
                    money(d.monthlyCostB()), d.significant() ? "  significant" : ""));
        }
        for (RunComparison.CandidateDelta d : c.candidates()) {
            if (c.pairedOn() != null && d.noPValue() != null) out.println("no p-value for " + d.name() + ": " + d.noPValue());
        }
        if (!c.onlyInA().isEmpty()) out.println("only in A: " + String.join(", ", c.onlyInA()));
        if (!c.onlyInB().isEmpty()) out.println("only in B: " + String.join(", ", c.onlyInB()));
        out.println();
        out.println(c.configDiff().isEmpty() ? "config: the same" : "config (A → B):\n" + ShowCommand.indent(c.configDiff()));
        for (RunComparison.PromptChange p : c.promptChanges()) {
            out.println();
            out.println("prompt of " + p.candidate() + ": " + ShowCommand.shortHash(p.sha256A()) + " → "
                    + ShowCommand.shortHash(p.sha256B()));
            if (!p.diff().isEmpty()) out.println(ShowCommand.indent(p.diff()));
        }
    }

    private static String money(Double usd) {
        return usd == null ? "-" : String.format(Locale.ROOT, "%.2f", usd);
    }
}
