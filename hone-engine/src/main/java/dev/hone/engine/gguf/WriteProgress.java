package dev.hone.engine.gguf;

/** Told after each tensor is written, so a long export can show how far it is. */
@FunctionalInterface
public interface WriteProgress {
    WriteProgress SILENT = (name, written, total) -> { };

    /** {@code tensor} is written; {@code writtenBytes} of the file's {@code totalBytes} tensor data are done. */
    void tensorWritten(String tensor, long writtenBytes, long totalBytes);
}
