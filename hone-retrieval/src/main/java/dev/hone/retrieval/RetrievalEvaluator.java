package dev.hone.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Scores a search function against queries with known relevant sources. A query's retrieved list
 * is the distinct sources of its hits in rank order (several chunks of one file count once);
 * relevance is binary.
 */
public final class RetrievalEvaluator {

    /** One evaluation query and the relative paths of the documents that answer it. */
    public record Judged(String query, Set<String> relevant) {}


    /** Reads {@code {"query": ..., "relevant": [...]}} lines; blank lines are ignored. */
    public static List<Judged> readJsonl(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read queries file " + file + ": " + e.getMessage());
        }
        List<Judged> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String where = file + ":" + (i + 1);
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (IOException e) {
                throw new BadInputException(where + ": not valid JSON; expected {\"query\": \"...\", \"relevant\": [\"path\", ...]}");
            }
            JsonNode q = node.get("query");
            JsonNode rel = node.get("relevant");
            if (q == null || !q.isTextual() || q.asText().isBlank())
                throw new BadInputException(where + ": \"query\" must be a non-empty string");
            if (rel == null || !rel.isArray() || rel.isEmpty())
                throw new BadInputException(where + ": \"relevant\" must be a non-empty array of relative paths");
            Set<String> relevant = new LinkedHashSet<>();
            for (JsonNode r : rel) {
                if (!r.isTextual() || r.asText().isBlank())
                    throw new BadInputException(where + ": every \"relevant\" entry must be a non-empty string path");
                relevant.add(r.asText());
            }
            out.add(new Judged(q.asText(), relevant));
        }
        if (out.isEmpty()) throw new BadInputException(file + ": no queries found; add one JSON object per line");
        return out;
    }

    /** One query's outcome: the distinct sources retrieved (best first, at most k) and its scores. */
    public record QueryResult(String query, Set<String> relevant, List<String> retrieved, double recallAtK,
                              double reciprocalRank, double ndcgAtK) {}

    /** Averages the metrics of {@code search} (query → hits in rank order) over {@code judged}. */
    public static RetrievalMetrics evaluate(String mode, int k, List<Judged> judged, Function<String, List<Hit>> search) {
        return summarise(mode, k, each(k, judged, search));
    }

    /** Scores every query; {@link #summarise} averages them. */
    public static List<QueryResult> each(int k, List<Judged> judged, Function<String, List<Hit>> search) {
        if (k < 1) throw new BadInputException("k must be >= 1, was " + k);
        List<QueryResult> out = new ArrayList<>();
        for (Judged j : judged) {
            List<String> ranked = search.apply(j.query()).stream().map(Hit::source).distinct().limit(k).toList();
            out.add(new QueryResult(j.query(), j.relevant(), ranked, recallAtK(ranked, j.relevant(), k),
                    reciprocalRank(ranked, j.relevant()), ndcgAtK(ranked, j.relevant(), k)));
        }
        return out;
    }

    /** The mean of each metric over the queries. */
    public static RetrievalMetrics summarise(String mode, int k, List<QueryResult> results) {
        if (results.isEmpty()) throw new IllegalArgumentException("no query results to summarise");
        int n = results.size();
        return new RetrievalMetrics(mode, k, n, results.stream().mapToDouble(QueryResult::recallAtK).sum() / n,
                results.stream().mapToDouble(QueryResult::reciprocalRank).sum() / n,
                results.stream().mapToDouble(QueryResult::ndcgAtK).sum() / n);
    }

    /** Share of the relevant documents among the first k of {@code ranked} (distinct documents, best first). */
    public static double recallAtK(List<String> ranked, Set<String> relevant, int k) {
        long found = ranked.stream().limit(k).filter(relevant::contains).count();
        return (double) found / relevant.size();
    }

    static double reciprocalRank(List<String> ranked, Set<String> relevant) {
        for (int i = 0; i < ranked.size(); i++) if (relevant.contains(ranked.get(i))) return 1.0 / (i + 1);
        return 0;
    }

    static double ndcgAtK(List<String> ranked, Set<String> relevant, int k) {
        double dcg = 0, ideal = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++)
            if (relevant.contains(ranked.get(i))) dcg += 1 / log2(i + 2);
        for (int i = 0; i < Math.min(k, relevant.size()); i++) ideal += 1 / log2(i + 2);
        return dcg / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
