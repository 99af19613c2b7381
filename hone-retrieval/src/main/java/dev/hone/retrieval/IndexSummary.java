package dev.hone.retrieval;

import java.util.List;

/** What an ingestion did: files embedded, kept unchanged, removed, skipped (with reasons), chunks written. */
public record IndexSummary(int embeddedFiles, int unchangedFiles, int removedFiles, int chunks,
                           List<SkippedFile> skipped) {
    public IndexSummary {
        skipped = List.copyOf(skipped);
    }
}
