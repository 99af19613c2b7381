package dev.hone.retrieval;

import dev.hone.BadInputException;
import dev.hone.engine.model.TextEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
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
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;

/**
 * A Lucene index on disk holding, per chunk, its embedding (HNSW, dot product on the encoder's
 * L2-normalised vectors), its text for BM25, and its source path, chunk number, offsets and the
 * content hash of its file. The encoder's name is stored with the index so a search with a
 * different model fails clearly instead of returning nonsense.
 */
public final class KnowledgeBase {
    private static final String MODEL_FILE = "hone-model.txt";
    private static final int RRF_K = 60;
    private static final int BATCH = 32;

    private final Path dir;
    private final TextEncoder encoder;

    public KnowledgeBase(Path dir, TextEncoder encoder) {
        this.dir = dir;
        this.encoder = encoder;
    }

    /**
     * Brings the index up to date with {@code docsDir}: files whose content hash changed or that
     * are new are re-chunked and re-embedded, files that disappeared are dropped, the rest are kept.
     */
    public IndexSummary index(Path docsDir, Chunker chunker, Consumer<String> progress) {
        if (!Files.isDirectory(docsDir))
            throw new BadInputException("documents folder " + docsDir + " does not exist or is not a folder");
        checkModel(true);
        DocumentReader reader = new DocumentReader();
        List<SkippedFile> skipped = new ArrayList<>();
        int embedded = 0, unchanged = 0, removed = 0, chunks = 0;
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(dir),
                new IndexWriterConfig(new StandardAnalyzer()))) {
            Map<String, String> known = storedHashes(writer);
            Map<String, Path> files = listFiles(docsDir);
            for (String gone : known.keySet()) {
                if (!files.containsKey(gone)) {
                    writer.deleteDocuments(new Term("source", gone));
                    removed++;
                }
            }
            int done = 0;
            for (var entry : files.entrySet()) {
                done++;
                String source = entry.getKey();
                Path file = entry.getValue();
                byte[] bytes = Files.readAllBytes(file);
                String hash = sha256(bytes);
                if (hash.equals(known.get(source))) {
                    unchanged++;
                    continue;
                }
                writer.deleteDocuments(new Term("source", source));
                DocumentReader.Result read = DocumentReader.supported(file)
                        ? reader.read(file)
                        : new DocumentReader.Result(java.util.Optional.empty(), "unsupported file type");
                if (read.text().isEmpty()) {
                    skipped.add(new SkippedFile(source, read.skipReason()));
                    continue;
                }
                List<Chunk> pieces = chunker.chunk(read.text().get());
                for (int from = 0; from < pieces.size(); from += BATCH) {
                    List<Chunk> batch = pieces.subList(from, Math.min(pieces.size(), from + BATCH));
                    float[][] vectors = encoder.embed(batch.stream().map(Chunk::text).toList());
                    for (int i = 0; i < batch.size(); i++) writer.addDocument(document(source, hash, batch.get(i), vectors[i]));
                }
                chunks += pieces.size();
                embedded++;
                progress.accept("[" + done + "/" + files.size() + "] " + source + " (" + pieces.size() + " chunks)");
            }
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the knowledge base at " + dir, e);
        }
        return new IndexSummary(embedded, unchanged, removed, chunks, skipped);
    }

    /** The top {@code k} chunks for {@code query}. */
    public List<Hit> search(String query, int k, SearchMode mode) {
        if (k < 1) throw new BadInputException("k must be >= 1, was " + k);
        checkModel(false);
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            int depth = mode == SearchMode.HYBRID ? Math.max(k * 4, 50) : k;
            Map<Integer, Double> scores = switch (mode) {
                case VECTOR -> ranked(searcher, vectorQuery(query, depth), depth);
                case BM25 -> ranked(searcher, bm25Query(query), depth);
                case HYBRID -> fuse(ranked(searcher, vectorQuery(query, depth), depth),
                        ranked(searcher, bm25Query(query), depth));
            };
            StoredFields stored = searcher.storedFields();
            List<Hit> hits = new ArrayList<>();
            for (var e : scores.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Double>comparingByValue().reversed()).limit(k).toList()) {
                Document d = stored.document(e.getKey());
                hits.add(new Hit(hits.size() + 1, e.getValue(), d.get("source"),
                        d.getField("chunk").numericValue().intValue(), d.get("text")));
            }
            return hits;
        } catch (org.apache.lucene.index.IndexNotFoundException e) {
            throw new BadInputException("no knowledge base at " + dir + "; build one with `hone index DOCS --out " + dir + "`");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the knowledge base at " + dir, e);
        }
    }

    private Query vectorQuery(String query, int depth) {
        return new KnnFloatVectorQuery("vector", encoder.embed(query), depth);
    }

    /** Each analysed query word as an optional clause: BM25 ranks chunks by the words they share. */
    private static Query bm25Query(String query) throws IOException {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        try (StandardAnalyzer analyzer = new StandardAnalyzer();
             var stream = analyzer.tokenStream("text", query)) {
            var term = stream.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) b.add(new TermQuery(new Term("text", term.toString())), BooleanClause.Occur.SHOULD);
            stream.end();
        }
        return b.build();
    }

    private static Map<Integer, Double> ranked(IndexSearcher searcher, Query query, int depth) throws IOException {
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (ScoreDoc sd : searcher.search(query, depth).scoreDocs) out.put(sd.doc, (double) sd.score);
        return out;
    }

    /** Reciprocal rank fusion: 1/(60 + rank) summed over the lists a chunk appears in. */
    static Map<Integer, Double> fuse(Map<Integer, Double> a, Map<Integer, Double> b) {
        Map<Integer, Double> out = new HashMap<>();
        for (Map<Integer, Double> list : List.of(a, b)) {
            int rank = 0;
            for (Integer doc : list.keySet()) out.merge(doc, 1.0 / (RRF_K + ++rank), Double::sum);
        }
        return out;
    }

    private static Document document(String source, String hash, Chunk chunk, float[] vector) {
        Document d = new Document();
        d.add(new StringField("source", source, Field.Store.YES));
        d.add(new StringField("hash", hash, Field.Store.YES));
        d.add(new StoredField("chunk", chunk.number()));
        d.add(new StoredField("start", chunk.start()));
        d.add(new StoredField("end", chunk.end()));
        d.add(new TextField("text", chunk.text(), Field.Store.YES));
        d.add(new KnnFloatVectorField("vector", vector, VectorSimilarityFunction.DOT_PRODUCT));
        return d;
    }

    private static Map<String, String> storedHashes(IndexWriter writer) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(new MatchAllDocsQuery(), Math.max(1, reader.maxDoc())).scoreDocs) {
                Document d = stored.document(sd.doc);
                out.put(d.get("source"), d.get("hash"));
            }
        }
        return out;
    }

    private static Map<String, Path> listFiles(Path docsDir) throws IOException {
        Map<String, Path> out = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(docsDir)) {
            walk.filter(Files::isRegularFile).forEach(p ->
                    out.put(docsDir.relativize(p).toString().replace('\\', '/'), p));
        }
        return out;
    }

    /** Writes the model name on first indexing; otherwise insists it matches the encoder in use. */
    private void checkModel(boolean writing) {
        Path file = dir.resolve(MODEL_FILE);
        String name = encoder.info().name();
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!stored.equals(name))
                    throw new BadInputException("knowledge base " + dir + " was built with model '" + stored
                            + "' but '" + name + "' is in use; pass --model " + stored + " or re-index into a new folder");
            } else if (writing) {
                Files.createDirectories(dir);
                Files.writeString(file, name + "\n", StandardCharsets.UTF_8);
            } else {
                throw new BadInputException("no knowledge base at " + dir + "; build one with `hone index DOCS --out " + dir + "`");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
