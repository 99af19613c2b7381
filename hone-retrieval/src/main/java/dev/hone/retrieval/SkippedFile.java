package dev.hone.retrieval;

/** A file ingestion left out, with the reason shown to the user. */
public record SkippedFile(String source, String reason) {}
