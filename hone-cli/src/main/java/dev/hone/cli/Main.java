package dev.hone.cli;

import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import dev.hone.error.OutOfMemoryException;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hone} command. Only {@link #main} exits; {@link #execute} returns the exit code. */
@Command(name = "hone", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Prompt it, retrieve for it, or fine-tune it? Hone builds every route on your labelled data,"
            + " measures them side by side, recommends one and keeps its artifact.", ""},
        subcommands = {RunCommand.class, DemoCommand.class, PredictCommand.class, EmbedCommand.class, GenerateCommand.class,
            EvaluateCommand.class,
            ValidateCommand.class,
            InitCommand.class,
            CompletionCommand.class,
            ExportCommand.class,
            ReportCommand.class,
            ServeCommand.class,
            IndexCommand.class,
            SearchCommand.class,
            RunsCommand.class,
            ShowCommand.class,
            CompareCommand.class,
            UiCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  ./hone demo", "  ./hone init data/train.jsonl", "  ./hone run hone.yaml --out runs/first --set evaluation.repeats=1",
            "  ./hone predict runs/first/candidates/lora-r8 \"Where is my parcel?\"",
            "  ./hone predict runs/first --input tickets.jsonl --output predictions.jsonl",
            "  ./hone evaluate runs/first new-labelled.jsonl --out evaluation.json",
            "  ./hone embed --model bge-small-en-v1.5 \"some text\"",
            "  ./hone generate ~/models/Qwen2.5-0.5B-Instruct \"Name three colours.\"",
            "  ./hone export ~/models/Qwen2.5-0.5B-Instruct --format gguf --out qwen.gguf",
            "  ./hone validate hone.yaml",
            "  ./hone report runs/first",
            "  ./hone index examples/product-manual --out kb/manual && ./hone search kb/manual \"what does E1 mean\"",
            "  ./hone runs && ./hone compare RUN_A RUN_B",
            "  ./hone ui",
            "", "Exit codes: 0 ok, 1 failure, 2 bad input (config, data, flags), 3 a CI gate",
            "failed (hone run: no candidate reaches decision.accuracy_floor; hone compare",
            "--fail-on-regression: a significant regression)."})
public final class Main implements Runnable {
    /** Lucene warns through java.util.logging about JDK versions it has not seen; the CLI prints only Hone's own output. */
    private static final java.util.logging.Logger LUCENE_LOG = quiet("org.apache.lucene");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the CLI with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            boolean debug = Boolean.getBoolean("hone.debug") || System.getenv("HONE_DEBUG") != null;
            if (debug) exception.printStackTrace(err);
            if (exception instanceof BadInputException) {
                err.println("hone: " + exception.getMessage());
                return 2;
            }
            if (exception instanceof HoneException || exception instanceof IllegalArgumentException) {
                err.println("hone: " + exception.getMessage());
                return exception instanceof IllegalArgumentException ? 2 : 1;
            }
            err.println("hone: unexpected failure: " + exception + (debug ? "" : " (set HONE_DEBUG=1 for details)"));
            return 1;
        });
        commandLine.setParameterExceptionHandler((exception, args1) -> {
            err.println("hone: " + exception.getMessage());
            CommandLine failed = exception.getCommandLine();
            err.println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            return 2;
        });
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors through; anything the commands did not name is named by the command line.
            err.println("hone: " + OutOfMemoryException.message("running 'hone " + String.join(" ", args) + "'"));
            return 1;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"hone " + (version == null ? "development" : version) + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
