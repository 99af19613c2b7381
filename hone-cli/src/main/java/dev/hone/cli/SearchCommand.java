package dev.hone.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.model.Encoders;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import dev.hone.retrieval.Hit;
import dev.hone.retrieval.KnowledgeBase;
import dev.hone.retrieval.SearchMode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search a knowledge base built by 'hone index'.",
            "Prints one JSON line per hit, best first:",
            "  {\"rank\": 1, \"score\": ..., \"source\": \"path.md\", \"chunk\": 3, \"text\": \"...\"}",
            "Scores: cosine similarity (vector), BM25 (bm25), or the reciprocal-rank-",
            "fusion sum 1/(60 + rank) over both lists (hybrid)."},
        footer = {"", "Examples:", "  ./hone search kb/manual \"what does E1 mean\"",
            "  ./hone search kb/manual \"reset to factory settings\" --k 3 --mode bm25"})
final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KB_DIR", description = "Knowledge base folder written by 'hone index'.")
    Path knowledgeBase;

    @Parameters(index = "1", paramLabel = "QUERY", description = "What to look for.")
    String query;

    @Option(names = "--k", paramLabel = "N", description = "Number of hits (default: ${DEFAULT-VALUE}).")
    int k = 5;

    @Option(names = "--mode", paramLabel = "MODE", description = "hybrid (default), vector or bm25.")
    String mode = "hybrid";

    @Option(names = "--model", paramLabel = "NAME|PATH", description = "Encoder; defaults to the one the knowledge base was built with.")
    String model;

    @Override
    public Integer call() {
        if (k < 1) throw new BadInputException("--k must be >= 1, got " + k);
        if (query.isBlank()) throw new BadInputException("QUERY is empty; give the text to search for");
        SearchMode searchMode = SearchMode.parse(mode);
        if (!Files.isDirectory(knowledgeBase) || KnowledgeBase.storedModel(knowledgeBase).isEmpty())
            throw new BadInputException("no knowledge base at " + knowledgeBase + "; build one with ./hone index DOCS_DIR --out " + knowledgeBase);
        String modelName = KnowledgeBaseModel.resolve(knowledgeBase, model);
        KnowledgeBase base = new KnowledgeBase(knowledgeBase, Encoders.load(modelName));
        PrintWriter out = spec.commandLine().getOut();
        for (Hit hit : base.search(query, k, searchMode)) {
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("rank", hit.rank()).put("score", hit.score()).put("source", hit.source())
                    .put("chunk", hit.chunk()).put("text", hit.text());
            out.println(line);
        }
        out.flush();
        return 0;
    }
}
