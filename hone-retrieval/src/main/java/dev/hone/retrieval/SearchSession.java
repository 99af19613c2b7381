package dev.hone.retrieval;

import dev.hone.engine.model.TextEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;

/**
 * A knowledge base opened for many searches: the index reader stays open between queries, so a
 * search costs the query embedding plus the Lucene lookups, not the opening of the index. Close it
 * when done.
 */
public final class SearchSession implements AutoCloseable {
    private final Path dir;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final TextEncoder encoder;

    SearchSession(Path dir, DirectoryReader reader, TextEncoder encoder) {
        this.dir = dir;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.encoder = encoder;
    }

    /** The top {@code k} chunks for {@code query}, best first, ranks from 1. */
    public List<Hit> search(String query, int k, SearchMode mode) {
        return search(query, () -> encoder.embed(query), k, mode);
    }

    /**
     * As {@link #search(String, int, SearchMode)} with the query's embedding supplied by the caller
     * (for example embedded in a batch with other queries); BM25 never asks for it.
     */
    public List<Hit> search(String query, java.util.function.Supplier<float[]> queryVector, int k, SearchMode mode) {
        try {
            StoredFields stored = searcher.storedFields();
            List<Hit> hits = new ArrayList<>();
            for (Map.Entry<Integer, Double> e : Ranking.top(searcher, queryVector, query, k, mode, null)) {
                Document d = stored.document(e.getKey());
                // Lucene scores a dot-product match as (1 + cosine) / 2; users read the cosine.
                double score = mode == SearchMode.VECTOR ? 2 * e.getValue() - 1 : e.getValue();
                hits.add(new Hit(hits.size() + 1, score, d.get("source"),
                        d.getField("chunk").numericValue().intValue(), d.get(Ranking.TEXT_FIELD)));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the knowledge base at " + dir, e);
        }
    }

    /** Number of chunks in the index. */
    public int chunks() {
        return reader.numDocs();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the knowledge base at " + dir, e);
        }
    }
}
