import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.engine.model.EncoderModel;
import dev.hone.engine.model.Encoders;
import dev.hone.retrieval.Chunker;
import dev.hone.retrieval.IndexSummary;
import dev.hone.retrieval.KnowledgeBase;
import dev.hone.retrieval.SearchMode;
import dev.hone.retrieval.SearchSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Ingestion and search latency of a knowledge base of 10,000 short documents built from the shared
 * banking77 training texts (one message per file, in file order, read at bench time), queried with
 * 200 banking77 test texts (every 15th). Prints ingestion time and, per mode, top-10 p50/p95 with
 * the index open; the query embedding is timed on its own too, since it dominates vector search.
 *
 * Usage: java ... RetrievalBench DATASETS_DIR WORK_DIR [DOCUMENTS] [QUERIES]
 */
public final class RetrievalBench {
    public static void main(String[] args) throws Exception {
        Path datasets = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int documents = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int queryCount = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        ObjectMapper json = new ObjectMapper();
        List<String> train = texts(json, datasets.resolve("banking77/train.jsonl"));
        List<String> test = texts(json, datasets.resolve("banking77/test.jsonl"));
        if (train.size() < documents) throw new IllegalStateException("only " + train.size() + " texts for " + documents + " documents");

        Path docs = work.resolve("docs");
        Path kb = work.resolve("kb");
        Files.createDirectories(docs);
        for (int i = 0; i < documents; i++) {
            // 1,000 files per folder, as a team's documents would be spread out.
            Path folder = Files.createDirectories(docs.resolve(String.format(Locale.ROOT, "%02d", i / 1000)));
            Files.writeString(folder.resolve(String.format(Locale.ROOT, "doc-%05d.txt", i)), train.get(i) + "\n");
        }
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < test.size() && queries.size() < queryCount; i += Math.max(1, test.size() / queryCount)) queries.add(test.get(i));

        EncoderModel encoder = Encoders.load(Encoders.DEFAULT);
        System.out.printf(Locale.ROOT, "documents: %,d short texts (banking77 train), queries: %d (banking77 test), model %s, %d threads%n",
                documents, queries.size(), encoder.info().name(), Integer.getInteger("hone.threads", Runtime.getRuntime().availableProcessors()));

        List<String> sample = train.subList(0, Math.min(512, documents));
        encoder.embed(sample.subList(0, 32));
        long embedStart = System.nanoTime();
        for (int from = 0; from < sample.size(); from += 32) encoder.embed(sample.subList(from, Math.min(sample.size(), from + 32)));
        System.out.printf(Locale.ROOT, "embedding alone, batches of 32: %.0f texts/s%n", sample.size() / ((System.nanoTime() - embedStart) / 1e9));

        long started = System.nanoTime();
        IndexSummary summary = new KnowledgeBase(kb, encoder).index(docs, new Chunker(encoder::countTokens, 200, 40), (d, t, s, c) -> { });
        double ingestSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "ingestion: %,d files, %,d chunks in %.1f s (%.0f documents/s)%n",
                summary.embeddedFiles(), summary.chunks(), ingestSeconds, summary.embeddedFiles() / ingestSeconds);

        long reindexStart = System.nanoTime();
        IndexSummary again = new KnowledgeBase(kb, encoder).index(docs, new Chunker(encoder::countTokens, 200, 40), (d, t, s, c) -> { });
        System.out.printf(Locale.ROOT, "re-index, nothing changed: %,d unchanged in %.1f s%n", again.unchangedFiles(),
                (System.nanoTime() - reindexStart) / 1e9);

        double[] embed = new double[queries.size()];
        for (int i = 0; i < 20; i++) encoder.embed(queries.get(i % queries.size()));
        for (int i = 0; i < queries.size(); i++) {
            long t = System.nanoTime();
            encoder.embed(queries.get(i));
            embed[i] = (System.nanoTime() - t) / 1e6;
        }
        report("query embedding alone (batch 1)", embed);

        try (SearchSession session = new KnowledgeBase(kb, encoder).open()) {
            for (SearchMode mode : List.of(SearchMode.HYBRID, SearchMode.VECTOR, SearchMode.BM25)) {
                for (int i = 0; i < 20; i++) session.search(queries.get(i % queries.size()), 10, mode);
                double[] ms = new double[queries.size()];
                for (int i = 0; i < queries.size(); i++) {
                    long t = System.nanoTime();
                    if (session.search(queries.get(i), 10, mode).size() != 10) throw new IllegalStateException("fewer than 10 hits");
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                report(mode.name().toLowerCase(Locale.ROOT) + " top-10", ms);
                float[][] vectors = encoder.embed(queries);
                for (int i = 0; i < queries.size(); i++) {
                    float[] vector = vectors[i];
                    long t = System.nanoTime();
                    session.search(queries.get(i), () -> vector, 10, mode);
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                if (mode != SearchMode.BM25) report(mode.name().toLowerCase(Locale.ROOT) + " top-10, query pre-embedded", ms);
            }
        }
    }

    private static void report(String what, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-34s p50 %6.2f ms   p95 %6.2f ms   (n=%d)%n", what + ":", percentile(sorted, 0.5),
                percentile(sorted, 0.95), sorted.length);
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    private static List<String> texts(ObjectMapper json, Path file) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            JsonNode node = json.readTree(line);
            out.add(node.path("text").asText());
        }
        return out;
    }
}
