package dev.hone.retrieval;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * The one search core every index in this package uses: vector (HNSW), BM25 and their reciprocal
 * rank fusion over an open Lucene searcher, optionally restricted by a filter query. Documents and
 * labelled examples are ranked by the same code; only what is read back from a hit differs.
 */
final class Ranking {
    static final String VECTOR_FIELD = "vector";
    static final String TEXT_FIELD = "text";
    private static final int RRF_K = 60;

    private Ranking() {
    }

    /**
     * Lucene doc ids with their scores, best first, at most {@code k}. Hybrid ranks deeper in each
     * list (4k, at least 50) before fusing, so a chunk found by only one of the two can still win.
     */
    static List<Map.Entry<Integer, Double>> top(IndexSearcher searcher, Supplier<float[]> queryVector, String query, int k,
                                               SearchMode mode, Query filter) throws IOException {
        if (k < 1) throw new dev.hone.error.BadInputException("k must be >= 1, was " + k);
        int depth = mode == SearchMode.HYBRID ? Math.max(k * 4, 50) : k;
        Map<Integer, Double> scores = switch (mode) {
            case VECTOR -> ranked(searcher, vectorQuery(queryVector, depth, filter), depth);
            case BM25 -> ranked(searcher, bm25Query(query, filter), depth);
            case HYBRID -> fuse(ranked(searcher, vectorQuery(queryVector, depth, filter), depth),
                    ranked(searcher, bm25Query(query, filter), depth));
        };
        return scores.entrySet().stream()
                .sorted(Map.Entry.<Integer, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(k).toList();
    }

    /** The query embedding is only computed for the modes that need it (not for BM25). */
    private static Query vectorQuery(Supplier<float[]> queryVector, int depth, Query filter) {
        return new KnnFloatVectorQuery(VECTOR_FIELD, queryVector.get(), depth, filter);
    }

    /** Each analysed query word as an optional clause: BM25 ranks texts by the words they share. */
    static Query bm25Query(String query, Query filter) throws IOException {
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        try (StandardAnalyzer analyzer = new StandardAnalyzer();
             var stream = analyzer.tokenStream(TEXT_FIELD, query)) {
            var term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) words.add(new TermQuery(new Term(TEXT_FIELD, term.toString())), BooleanClause.Occur.SHOULD);
            stream.end();
        }
        if (filter == null) return words.build();
        return new BooleanQuery.Builder().add(words.build(), BooleanClause.Occur.MUST)
                .add(filter, BooleanClause.Occur.FILTER).build();
    }

    private static Map<Integer, Double> ranked(IndexSearcher searcher, Query query, int depth) throws IOException {
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (ScoreDoc sd : searcher.search(query, depth).scoreDocs) out.put(sd.doc, (double) sd.score);
        return out;
    }

    /** Reciprocal rank fusion: 1/(60 + rank) summed over the lists a document appears in. */
    static Map<Integer, Double> fuse(Map<Integer, Double> a, Map<Integer, Double> b) {
        Map<Integer, Double> out = new HashMap<>();
        for (Map<Integer, Double> list : List.of(a, b)) {
            int rank = 0;
            for (Integer doc : list.keySet()) out.merge(doc, 1.0 / (RRF_K + ++rank), Double::sum);
        }
        return out;
    }
}
