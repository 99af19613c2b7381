package dev.hone.retrieval;

import dev.hone.engine.model.TextEncoder;
import dev.hone.error.BadInputException;
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
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;

/**
 * A Lucene index on disk holding, per chunk, its embedding (HNSW, dot product on the encoder's
 * L2-normalised vectors), its text for BM25, and its source path, chunk number, offsets and the
 * content hash of its file. The encoder's name is stored with the index so a search with a
 * different model fails clearly instead of returning nonsense.
 */
public final class KnowledgeBase {
    private static final String MODEL_FILE = "hone-model.txt";
    /** Chunks handed to the encoder at once; it sorts them by length and batches internally, so a wide window pads little. */
    private static final int BATCH = 256;

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
        return index(docsDir, chunker, (done, total, source, chunks) -> {
            if (chunks > 0) progress.accept("[" + done + "/" + total + "] " + source + " (" + chunks + " chunks)");
        });
    }

    /** As {@link #index(Path, Chunker, Consumer)}, reporting every file (embedded, unchanged or skipped). */
    public IndexSummary index(Path docsDir, Chunker chunker, IndexProgress progress) {
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
            List<PendingChunk> pending = new ArrayList<>();
            for (var entry : files.entrySet()) {
                done++;
                String source = entry.getKey();
                Path file = entry.getValue();
                byte[] bytes = Files.readAllBytes(file);
                String hash = sha256(bytes);
                if (hash.equals(known.get(source))) {
                    unchanged++;
                    progress.fileDone(done, files.size(), source, 0);
                    continue;
                }
                writer.deleteDocuments(new Term("source", source));
                DocumentReader.Result read = DocumentReader.supported(file)
                        ? reader.read(file)
                        : new DocumentReader.Result(java.util.Optional.empty(), "unsupported file type");
                if (read.text().isEmpty()) {
                    skipped.add(new SkippedFile(source, read.skipReason()));
                    progress.fileDone(done, files.size(), source, 0);
                    continue;
                }
                List<Chunk> pieces = chunker.chunk(read.text().get());
                for (Chunk chunk : pieces) {
                    pending.add(new PendingChunk(source, hash, chunk));
                    if (pending.size() >= BATCH) embedAndAdd(pending, writer);
                }
                chunks += pieces.size();
                embedded++;
                progress.fileDone(done, files.size(), source, pieces.size());
            }
            embedAndAdd(pending, writer);
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the knowledge base at " + dir, e);
        }
        return new IndexSummary(embedded, unchanged, removed, chunks, skipped);
    }

    /** A chunk waiting for its embedding; batches fill across files, since short files have one chunk each. */
    private record PendingChunk(String source, String hash, Chunk chunk) {}

    private void embedAndAdd(List<PendingChunk> pending, IndexWriter writer) throws IOException {
        if (pending.isEmpty()) return;
        float[][] vectors = encoder.embed(pending.stream().map(p -> p.chunk().text()).toList());
        for (int i = 0; i < pending.size(); i++) {
            PendingChunk p = pending.get(i);
            writer.addDocument(document(p.source(), p.hash(), p.chunk(), vectors[i]));
        }
        pending.clear();
    }

    /** The top {@code k} chunks for {@code query}; opens and closes the index (see {@link #open} for many queries). */
    public List<Hit> search(String query, int k, SearchMode mode) {
        if (k < 1) throw new BadInputException("k must be >= 1, was " + k);
        try (SearchSession session = open()) {
            return session.search(query, k, mode);
        }
    }

    /** Opens the index for many searches; close the session when done. */
    public SearchSession open() {
        checkModel(false);
        try {
            return new SearchSession(dir, DirectoryReader.open(FSDirectory.open(dir)), encoder);
        } catch (org.apache.lucene.index.IndexNotFoundException e) {
            throw new BadInputException("no knowledge base at " + dir + "; build one with `hone index DOCS --out " + dir + "`");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the knowledge base at " + dir, e);
        }
    }

    private static Document document(String source, String hash, Chunk chunk, float[] vector) {
        Document d = new Document();
        d.add(new StringField("source", source, Field.Store.YES));
        d.add(new StringField("hash", hash, Field.Store.YES));
        d.add(new StoredField("chunk", chunk.number()));
        d.add(new StoredField("start", chunk.start()));
        d.add(new StoredField("end", chunk.end()));
        d.add(new TextField(Ranking.TEXT_FIELD, chunk.text(), Field.Store.YES));
        d.add(new KnnFloatVectorField(Ranking.VECTOR_FIELD, vector, VectorSimilarityFunction.DOT_PRODUCT));
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

    /** The name of the model the knowledge base in {@code dir} was built with, if there is one. */
    public static java.util.Optional<String> storedModel(Path dir) {
        Path file = dir.resolve(MODEL_FILE);
        if (!Files.isRegularFile(file)) return java.util.Optional.empty();
        try {
            return java.util.Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
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
