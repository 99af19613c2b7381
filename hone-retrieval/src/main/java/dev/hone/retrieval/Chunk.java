package dev.hone.retrieval;

/**
 * One piece of a document: its number within the document and its character span in the
 * extracted text.
 */
public record Chunk(int number, int start, int end, String text) {
    public Chunk {
        if (number < 0) throw new IllegalArgumentException("chunk number must be >= 0, was " + number);
        if (start < 0 || end < start)
            throw new IllegalArgumentException("chunk span must satisfy 0 <= start <= end, was " + start + ".." + end);
        if (text == null || text.isBlank()) throw new IllegalArgumentException("chunk text must not be blank");
    }
}
