package dev.hone.retrieval;

/** Told after each file an ingestion looks at, so a caller can draw a progress bar. */
@FunctionalInterface
public interface IndexProgress {

    /**
     * @param done files looked at so far (1-based), out of {@code total}
     * @param source the file's path relative to the documents folder
     * @param chunks chunks embedded for it (0 if unchanged or skipped)
     */
    void fileDone(int done, int total, String source, int chunks);
}
