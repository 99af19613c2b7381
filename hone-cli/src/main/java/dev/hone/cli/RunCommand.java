package dev.hone.cli;

import dev.hone.config.ConfigLoader;
import dev.hone.config.HoneConfig;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.train.TrainingListener;
import dev.hone.report.ReportWriter;
import dev.hone.run.Leaderboard;
import dev.hone.run.Resumption;
import dev.hone.run.RunListener;
import dev.hone.run.RunResult;
import dev.hone.run.Runner;
import dev.hone.store.RunRecorder;
import dev.hone.store.StoreLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Build, measure and compare every strategy of a config.",
            "Writes results.json, the candidates and a leaderboard into --out."},
        footer = {"", "Examples:", "  ./hone run hone.yaml", "  ./hone run hone.yaml --out runs/try2 --set strategies[3].epochs=3",
            "  ./hone run hone.yaml --skip-bad-rows", "  ./hone run hone.yaml --store runs/history.db",
            "  ./hone run hone.yaml --out runs/try2 --resume    (after Ctrl-C, a kill or a crash)",
            "", "Every run is recorded in the run history (see 'hone runs') unless --no-store",
            "is given.", "Exit codes: 0 ok, 1 failure, 2 bad input, 3 no candidate reaches",
            "decision.accuracy_floor."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The run's YAML config (see README: Config).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<timestamp>).")
    Path out;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a config value, e.g. strategies[2].epochs=3 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--skip-bad-rows", description = "Leave malformed dataset rows out (and count them) instead of stopping.")
    boolean skipBadRows;

    @Option(names = "--no-cache", description = "Ask LLM providers again instead of reusing answers from earlier runs "
            + "(this run's answers go to OUT/llm-cache).")
    boolean noCache;

    @Option(names = "--resume", description = "Continue the run that was interrupted in --out: its finished candidates are "
            + "kept as measured, only the rest are built (refused when the config or data changed).")
    boolean resume;

    @Mixin
    StoreOption store;

    @Option(names = "--no-store", description = "Do not record this run in the run history.")
    boolean noStore;

    @Override
    public Integer call() {
        if (resume && out == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--resume needs --out DIR, the folder of the interrupted run");
        }
        return execute(config, out, overrides, skipBadRows, noCache, resume, noStore ? null : store.location(),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * Runs CONFIG into OUT and prints the leaderboard; returns the exit code.
     *
     * @param store where to record the run; null records nothing
     */
    static int execute(Path configFile, Path out, List<String> overrides, boolean skipBadRows, boolean noCache, StoreLocation store,
                       PrintWriter stdout, PrintWriter stderr) {
        return execute(configFile, out, overrides, skipBadRows, noCache, false, store, stdout, stderr);
    }

    /** @param resume continue the interrupted run in {@code out} instead of starting one */
    static int execute(Path configFile, Path out, List<String> overrides, boolean skipBadRows, boolean noCache, boolean resume,
                       StoreLocation store, PrintWriter stdout, PrintWriter stderr) {
        RunRecorder history = store == null ? RunRecorder.off() : RunRecorder.into(store, line -> stderr.println("hone: " + line));
        return execute(configFile, out, overrides, skipBadRows, noCache, resume, history, stdout, stderr);
    }

    private static int execute(Path configFile, Path out, List<String> overrides, boolean skipBadRows, boolean noCache,
                               boolean resume, RunRecorder history, PrintWriter stdout, PrintWriter stderr) {
        long started = System.nanoTime();
        HoneConfig loaded = ConfigLoader.load(configFile, overrides);
        Path directory = out != null ? out : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        // A fresh cache inside this run: earlier answers are not reused, and this run pays each distinct request once.
        HoneConfig config = noCache ? loaded.withLlmCacheIn(directory.toAbsolutePath().resolve("llm-cache")) : loaded;
        // Checked before anything is recorded or written: a refused resume leaves the folder and the history as they were.
        Resumption interrupted = resume ? Resumption.of(config, directory) : null;
        stdout.println("hone: " + (resume ? "resume" : "run") + " '" + config.task().name() + "' → " + directory);
        // Recorded as incomplete now, so a run killed halfway still shows in the history as such; a resumed run
        // completes the row its interrupted run left.
        if (resume) history.resumed(config, directory);
        else history.started(config, directory);
        stderr.flush();
        boolean terminal = System.console() != null;
        RunListener listener = new RunListener() {
            @Override
            public void message(String text) {
                stdout.println(text);
            }

            @Override
            public TrainingListener training(String candidate, int repeat) {
                return new ProgressBar(new java.io.PrintStream(new WriterOutputStream(stderr), true), candidate, terminal);
            }
        };
        Runner runner = new Runner(Encoders::load, listener);
        RunResult result = resume ? runner.resume(config, interrupted, skipBadRows) : runner.run(config, directory, skipBadRows);
        boolean recorded = history.finished(result.results());
        stdout.println();
        stdout.print(Leaderboard.format(result.results()));
        stdout.println();
        stdout.println("results: " + directory.resolve("results.json"));
        stdout.println("report:  " + ReportWriter.write(directory));
        if (recorded) stdout.println("history: run " + history.runId() + " (hone show " + history.runId() + ")");
        stdout.println(String.format(Locale.ROOT, "wall time: %.1f s", (System.nanoTime() - started) / 1e9));
        stdout.flush();
        var missed = AccuracyFloor.missed(result.results(), config.decision().accuracyFloor());
        if (missed.isPresent()) {
            stderr.println("hone: " + missed.get());
            stderr.flush();
            return AccuracyFloor.EXIT_CODE;
        }
        return 0;
    }

    /** Bytes written to a PrintWriter (so progress shares the command's error stream). */
    static final class WriterOutputStream extends java.io.OutputStream {
        private final PrintWriter writer;

        WriterOutputStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            writer.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            writer.write(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            writer.flush();
        }
    }
}
