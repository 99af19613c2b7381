package dev.hone.cli;

import dev.hone.config.ConfigLoader;
import dev.hone.config.HoneConfig;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.train.TrainingListener;
import dev.hone.report.ReportWriter;
import dev.hone.run.Leaderboard;
import dev.hone.run.RunListener;
import dev.hone.run.RunResult;
import dev.hone.run.Runner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Build, measure and compare every strategy in CONFIG; write results.json, the candidates",
            "and a leaderboard into --out."},
        footer = {"", "Examples:", "  ./hone run hone.yaml", "  ./hone run hone.yaml --out runs/try2 --set strategies[3].epochs=3",
            "  ./hone run hone.yaml --skip-bad-rows"})
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

    @Override
    public Integer call() {
        return execute(config, out, overrides, skipBadRows, noCache, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    static int execute(Path configFile, Path out, List<String> overrides, boolean skipBadRows, PrintWriter stdout, PrintWriter stderr) {
        return execute(configFile, out, overrides, skipBadRows, false, stdout, stderr);
    }

    static int execute(Path configFile, Path out, List<String> overrides, boolean skipBadRows, boolean noCache, PrintWriter stdout,
                       PrintWriter stderr) {
        long started = System.nanoTime();
        HoneConfig loaded = ConfigLoader.load(configFile, overrides);
        Path directory = out != null ? out : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        // A fresh cache inside this run: earlier answers are not reused, and this run pays each distinct request once.
        HoneConfig config = noCache ? loaded.withLlmCacheIn(directory.toAbsolutePath().resolve("llm-cache")) : loaded;
        stdout.println("hone: run '" + config.task().name() + "' → " + directory);
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
        RunResult result = new Runner(Encoders::load, listener).run(config, directory, skipBadRows);
        stdout.println();
        stdout.print(Leaderboard.format(result.results()));
        stdout.println();
        stdout.println("results: " + directory.resolve("results.json"));
        stdout.println("report:  " + ReportWriter.write(directory));
        stdout.println(String.format(Locale.ROOT, "wall time: %.1f s", (System.nanoTime() - started) / 1e9));
        stdout.flush();
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
