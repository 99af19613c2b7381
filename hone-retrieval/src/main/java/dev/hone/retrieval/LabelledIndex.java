package dev.hone.retrieval;

import dev.hone.engine.model.TextEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;

/**
 * Labelled texts (training examples, or document chunks filed under a label) in a Lucene index
 * held in memory: the same HNSW vector and BM25 fields, and the same {@link Ranking} code, as a
 * {@link KnowledgeBase}, plus a label per text so a search can be restricted to one label. Saved
 * as Lucene files, so loading it needs no re-embedding.
 */
public final class LabelledIndex implements AutoCloseable {
    private static final int BATCH = 32;

    /** One text to index with its label and where it came from. */
    public record Entry(String label, String source, String text) {
        public Entry {
            if (label == null || label.isBlank()) throw new IllegalArgumentException("entry label must not be blank");
            if (text == null || text.isBlank()) throw new IllegalArgumentException("entry text must not be blank (source " + source + ")");
        }
    }

    private final Directory directory;
    private final TextEncoder encoder;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    private LabelledIndex(Directory directory, TextEncoder encoder) throws IOException {
        this.directory = directory;
        this.encoder = encoder;
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
    }

    /** Embeds {@code entries} with {@code encoder} (in batches) and indexes them in memory. */
    public static LabelledIndex build(TextEncoder encoder, List<Entry> entries) {
        List<float[]> vectors = new ArrayList<>(entries.size());
        for (int from = 0; from < entries.size(); from += BATCH) {
            List<String> texts = entries.subList(from, Math.min(entries.size(), from + BATCH)).stream().map(Entry::text).toList();
            vectors.addAll(List.of(encoder.embed(texts)));
        }
        return build(encoder, entries, vectors);
    }

    /** Indexes {@code entries} with embeddings the caller already has ({@code vectors.get(i)} for entry i). */
    public static LabelledIndex build(TextEncoder encoder, List<Entry> entries, List<float[]> vectors) {
        if (entries.isEmpty()) throw new IllegalArgumentException("a labelled index needs at least one entry");
        if (entries.size() != vectors.size())
            throw new IllegalArgumentException(entries.size() + " entries but " + vectors.size() + " vectors");
        Directory memory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(memory, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                Document d = new Document();
                d.add(new StoredField("position", i));
                d.add(new StringField("label", e.label(), Field.Store.YES));
                d.add(new StoredField("source", e.source()));
                d.add(new TextField(Ranking.TEXT_FIELD, e.text(), Field.Store.YES));
                d.add(new KnnFloatVectorField(Ranking.VECTOR_FIELD, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
                writer.addDocument(d);
            }
            // One segment: order-preserving doc ids and a single HNSW graph to search.
            writer.forceMerge(1);
            writer.commit();
            return new LabelledIndex(memory, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not build the labelled index in memory", e);
        }
    }

    /** Opens an index written by {@link #save}, reading it into memory. */
    public static LabelledIndex open(Path folder, TextEncoder encoder) {
        try (FSDirectory disk = FSDirectory.open(folder)) {
            Directory memory = new ByteBuffersDirectory();
            for (String file : disk.listAll()) memory.copyFrom(disk, file, file, IOContext.DEFAULT);
            return new LabelledIndex(memory, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the labelled index in " + folder, e);
        }
    }

    /** Writes the index files into {@code folder} (created if missing). */
    public void save(Path folder) {
        try {
            Files.createDirectories(folder);
            try (FSDirectory disk = FSDirectory.open(folder)) {
                for (String file : directory.listAll()) {
                    if (file.equals("write.lock")) continue;
                    disk.copyFrom(directory, file, file, IOContext.DEFAULT);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the labelled index to " + folder, e);
        }
    }

    /** Number of texts in the index. */
    public int size() {
        return reader.numDocs();
    }

    /** The {@code k} texts nearest to {@code query} over all labels. */
    public List<Neighbour> nearest(String query, int k, SearchMode mode) {
        return nearest(query, () -> encoder.embed(query), k, mode, null);
    }

    /**
     * The {@code k} texts nearest to a query whose embedding the caller may already have (pass
     * it to skip embedding again), restricted to {@code label} unless that is null.
     */
    public List<Neighbour> nearest(String query, Supplier<float[]> queryVector, int k, SearchMode mode, String label) {
        try {
            StoredFields stored = searcher.storedFields();
            List<Neighbour> out = new ArrayList<>();
            TermQuery filter = label == null ? null : new TermQuery(new Term("label", label));
            for (Map.Entry<Integer, Double> e : Ranking.top(searcher, queryVector, query, k, mode, filter)) {
                Document d = stored.document(e.getKey());
                out.add(new Neighbour(d.getField("position").numericValue().intValue(), d.get("label"), d.get("source"),
                        d.get(Ranking.TEXT_FIELD), e.getValue()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not search the labelled index", e);
        }
    }

    /** Embeds a batch of queries at once (cheaper than one by one) for use with {@link #nearest(String, Supplier, int, SearchMode, String)}. */
    public float[][] embed(List<String> queries) {
        return encoder.embed(queries);
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the labelled index", e);
        }
    }
}
