package dev.hone.generation;

import dev.hone.retrieval.Hit;
import dev.hone.retrieval.SearchMode;
import dev.hone.retrieval.SearchSession;
import java.util.List;

/**
 * The top {@code k} chunks of an open knowledge base for an input, formatted for the prompt as
 * numbered passages that each name their source, so the model can cite it.
 */
final class ContextRetriever {
    private final SearchSession session;
    private final int k;
    private final SearchMode mode;

    ContextRetriever(SearchSession session, int k, SearchMode mode) {
        if (k < 1) throw new IllegalArgumentException("k must be ≥ 1, got " + k);
        this.session = session;
        this.k = k;
        this.mode = mode;
    }

    /** The chunks for one input and how long finding them took. */
    record Retrieved(List<Hit> hits, double millis) {
        List<String> sources() {
            return hits.stream().map(Hit::source).distinct().toList();
        }

        String context() {
            StringBuilder text = new StringBuilder();
            for (Hit hit : hits) {
                text.append('[').append(hit.rank()).append("] source: ").append(hit.source()).append('\n')
                        .append(hit.text().strip()).append("\n\n");
            }
            return text.toString().strip();
        }
    }

    Retrieved retrieve(String input) {
        long started = System.nanoTime();
        List<Hit> hits = session.search(input, k, mode);
        return new Retrieved(hits, (System.nanoTime() - started) / 1e6);
    }
}
