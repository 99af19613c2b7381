package dev.hone.bench;

import dev.hone.engine.gguf.DecoderGgufExport;
import dev.hone.engine.gguf.GgufTensorType;
import dev.hone.engine.gguf.WriteProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The GGUF file {@code bench/decoder/run} gives llama.cpp: a random checkpoint folder exported by
 * Hone's own exporter ({@link DecoderGgufExport}, as {@code hone export --format gguf} runs it), at
 * the checkpoint's weight type, so llama.cpp multiplies the same weights in the same width as the
 * other two engines. Usage: {@code ExportGguf FOLDER TYPE OUT} (TYPE: f32, f16, q8_0 or bf16).
 */
public final class ExportGguf {
    private ExportGguf() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        GgufTensorType type = GgufTensorType.ofOptionName(args[1]);
        Path out = Path.of(args[2]);
        long begin = System.nanoTime();
        DecoderGgufExport.of(folder, type).writeTo(out, WriteProgress.SILENT);
        System.out.printf(Locale.ROOT, "GGUF export of %s as %s: %.0f MB in %.1f s%n", folder.getFileName(), type.optionName(),
                Files.size(out) / 1e6, (System.nanoTime() - begin) / 1e9);
    }
}
