package dev.hone.engine.gguf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a GGUF version 3 file: the header (magic {@code GGUF}, version, tensor and key counts),
 * the metadata, each tensor's name, dimensions, type and offset, then the tensor data, every
 * tensor starting at a multiple of {@link #ALIGNMENT} bytes from the start of the data section
 * (which itself starts at such a multiple). All numbers are little-endian. Tensors are converted
 * one row at a time as they are written.
 */
public final class GgufWriter {
    /** Where tensor data is aligned; written as {@code general.alignment} too. */
    public static final int ALIGNMENT = 32;
    static final int VERSION = 3;
    private static final byte[] MAGIC = {'G', 'G', 'U', 'F'};

    private final OutputStream out;
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    private long position;

    private GgufWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes the whole file to {@code out} (not closed). */
    public static void write(OutputStream out, GgufMetadata metadata, List<GgufTensor> tensors, WriteProgress progress)
            throws IOException {
        GgufWriter writer = new GgufWriter(new BufferedOutputStream(out, 1 << 20));
        writer.writeFile(metadata, tensors, progress);
        writer.out.flush();
    }

    private void writeFile(GgufMetadata metadata, List<GgufTensor> tensors, WriteProgress progress) throws IOException {
        bytes(MAGIC);
        uint32(VERSION);
        uint64(tensors.size());
        uint64(metadata.entries().size());
        for (Map.Entry<String, GgufValue> entry : metadata.entries().entrySet()) {
            string(entry.getKey());
            value(entry.getValue());
        }
        long offset = 0;
        for (GgufTensor tensor : tensors) {
            string(tensor.name());
            long[] dimensions = tensor.dimensions();
            uint32(dimensions.length);
            for (long dimension : dimensions) uint64(dimension);
            uint32(tensor.type().ggmlType());
            uint64(offset);
            offset = aligned(offset + tensor.bytes());
        }
        padToAlignment();
        long total = offset;
        long dataStart = position;
        for (GgufTensor tensor : tensors) {
            tensorData(tensor);
            padToAlignment();
            progress.tensorWritten(tensor.name(), position - dataStart, total);
        }
    }

    private void value(GgufValue value) throws IOException {
        uint32(value.typeId());
        switch (value) {
            case GgufValue.UInt32 v -> uint32(v.value());
            case GgufValue.Float32 v -> float32(v.value());
            case GgufValue.Bool v -> bytes(new byte[] {(byte) (v.value() ? 1 : 0)});
            case GgufValue.Text v -> string(v.value());
            case GgufValue.TextArray v -> {
                uint32(GgufValue.STRING);
                uint64(v.values().size());
                for (String s : v.values()) string(s);
            }
            case GgufValue.Int32Array v -> {
                uint32(GgufValue.INT32);
                uint64(v.values().length);
                for (int i : v.values()) uint32(i & 0xFFFF_FFFFL);
            }
        }
    }

    private void tensorData(GgufTensor tensor) throws IOException {
        TensorValues values = tensor.read();
        float[] row = new float[values.columns()];
        ByteBuffer encoded = ByteBuffer.allocate(Math.toIntExact(tensor.type().rowBytes(values.columns())))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < values.rows(); r++) {
            values.readRow(r, row);
            encoded.clear();
            tensor.type().encodeRow(row, encoded);
            bytes(encoded.array());
        }
    }

    static long aligned(long offset) {
        return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private void padToAlignment() throws IOException {
        bytes(new byte[(int) (aligned(position) - position)]);
    }

    private void string(String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        uint64(utf8.length);
        bytes(utf8);
    }

    private void uint32(long value) throws IOException {
        scratch.clear();
        scratch.putInt((int) value);
        out.write(scratch.array(), 0, 4);
        position += 4;
    }

    private void uint64(long value) throws IOException {
        scratch.clear();
        scratch.putLong(value);
        out.write(scratch.array(), 0, 8);
        position += 8;
    }

    private void float32(float value) throws IOException {
        scratch.clear();
        scratch.putFloat(value);
        out.write(scratch.array(), 0, 4);
        position += 4;
    }

    private void bytes(byte[] b) throws IOException {
        out.write(b);
        position += b.length;
    }
}
