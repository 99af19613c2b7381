package dev.hone.cli;

import dev.hone.engine.model.Encoders;
import dev.hone.engine.model.TextEncoder;
import dev.hone.error.BadInputException;
import dev.hone.retrieval.Chunker;
import dev.hone.retrieval.IndexSummary;
import dev.hone.retrieval.KnowledgeBase;
import dev.hone.retrieval.SkippedFile;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Build or update a knowledge base from a folder of documents.",
            "Documents are txt, md, html or pdf files. Files are split into sentence-aware chunks, embedded",
            "in-process and stored in a Lucene index (HNSW vectors + BM25 text).",
            "Re-running embeds only new or changed files and drops deleted ones;",
            "unreadable, corrupt or binary files are skipped and listed with the reason."},
        footer = {"", "Examples:", "  ./hone index examples/product-manual --out kb/manual",
            "  ./hone index docs/ --out kb/docs --model bge-small-en-v1.5 --chunk-tokens 120",
            "", "Then: ./hone search kb/manual \"what does E1 mean\""})
final class IndexCommand implements Callable<Integer> {
    static final int DEFAULT_CHUNK_TOKENS = 200;
    static final int DEFAULT_OVERLAP = 40;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DOCS_DIR", description = "Folder of documents, read recursively.")
    Path docs;

    @Option(names = "--out", required = true, paramLabel = "KB_DIR", description = "Knowledge base folder (created if missing, updated if present).")
    Path out;

    @Option(names = "--model", paramLabel = "NAME|PATH",
            description = "Encoder: all-minilm-l6-v2 (default for a new knowledge base), bge-small-en-v1.5, or an ONNX model path."
                    + " An existing knowledge base keeps the model it was built with.")
    String model;

    @Option(names = "--chunk-tokens", paramLabel = "N", description = "Maximum tokens per chunk (default: ${DEFAULT-VALUE}).")
    int chunkTokens = DEFAULT_CHUNK_TOKENS;

    @Option(names = "--overlap", paramLabel = "N", description = "Tokens of trailing sentences repeated at the start of the next chunk (default: ${DEFAULT-VALUE}).")
    int overlap = DEFAULT_OVERLAP;

    @Override
    public Integer call() {
        if (!Files.isDirectory(docs))
            throw new BadInputException("documents folder " + docs + " does not exist or is not a folder; give the folder holding your txt/md/html/pdf files");
        if (chunkTokens < 8) throw new BadInputException("--chunk-tokens must be >= 8, got " + chunkTokens + "; try 200");
        if (overlap < 0 || overlap >= chunkTokens)
            throw new BadInputException("--overlap must be within [0, " + (chunkTokens - 1) + "] (below --chunk-tokens), got " + overlap);
        if (Files.exists(out) && !Files.isDirectory(out))
            throw new BadInputException("--out " + out + " is a file; give a folder for the knowledge base");
        String modelName = KnowledgeBaseModel.resolve(out, model);
        TextEncoder encoder = Encoders.load(modelName);
        if (chunkTokens > encoder.info().maxTokens())
            throw new BadInputException("--chunk-tokens " + chunkTokens + " is more than model '" + encoder.info().name()
                    + "' reads (" + encoder.info().maxTokens() + " tokens); lower it");
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        stdout.println("hone: indexing " + docs + " → " + out + " (model " + encoder.info().name() + ", "
                + chunkTokens + "-token chunks, overlap " + overlap + ")");
        stdout.flush();
        ProgressBar bar = new ProgressBar(new PrintStream(new RunCommand.WriterOutputStream(stderr), true), "index",
                System.console() != null);
        long started = System.nanoTime();
        int[] embeddedChunks = {0};
        IndexSummary summary = new KnowledgeBase(out, encoder).index(docs, new Chunker(encoder::countTokens, chunkTokens, overlap),
                (done, total, source, chunks) -> {
                    embeddedChunks[0] += chunks;
                    double seconds = (System.nanoTime() - started) / 1e9;
                    bar.show(done, total, () -> String.format(Locale.ROOT, "index file %d/%d, %d chunks embedded, %.1f chunks/s, %s",
                            done, total, embeddedChunks[0], embeddedChunks[0] / Math.max(seconds, 1e-9), source));
                });
        stderr.flush();
        stdout.println(String.format(Locale.ROOT, "files: %d indexed (%d chunks), %d unchanged, %d removed, %d skipped  [%.1f s]",
                summary.embeddedFiles(), summary.chunks(), summary.unchangedFiles(), summary.removedFiles(),
                summary.skipped().size(), (System.nanoTime() - started) / 1e9));
        for (SkippedFile skipped : summary.skipped()) stdout.println("  skipped " + skipped.source() + ": " + skipped.reason());
        stdout.println("search it: ./hone search " + out + " \"your question\"");
        stdout.flush();
        return 0;
    }
}
