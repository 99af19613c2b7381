package dev.hone.engine.weights;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One safetensors file's header, checked against the file: an 8-byte little-endian header length,
 * a JSON header mapping each name to dtype, shape and byte offsets, then the raw little-endian
 * data. Reads or maps a tensor's bytes on request, so a large checkpoint is never read whole at once.
 */
record SafetensorsFile(Path path, long dataStart, Map<String, Entry> entries) {
    /** The reference implementation refuses headers above 100 MB; so does this reader. */
    private static final long MAX_HEADER_BYTES = 100L << 20;
    /** Bytes read per call when copying a tensor into an array. */
    private static final int CHUNK_BYTES = 1 << 20;

    /** One tensor: dtype as written (F32, BF16, I64, …), shape, and its bytes [begin, end) after the header. */
    record Entry(String name, String dtype, int[] shape, long begin, long end) {
        long elements() {
            long count = 1;
            for (int d : shape) count *= d;
            return count;
        }

        String shapeText() {
            return Arrays.toString(shape);
        }
    }

    static SafetensorsFile open(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) throw new BadInputException(path + ": too short to be a safetensors file");
            long headerLength = read(channel, 0, 8).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > size) {
                throw new BadInputException(path + ": header length " + headerLength
                        + " does not fit the file; it is not safetensors or is truncated");
            }
            ByteBuffer headerBytes = read(channel, 8, (int) headerLength);
            JsonNode header;
            try {
                header = Json.MAPPER.readTree(StandardCharsets.UTF_8.decode(headerBytes).toString());
            } catch (IOException e) {
                throw new BadInputException(path + ": header is not valid JSON: " + e.getMessage(), e);
            }
            long dataStart = 8 + headerLength;
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : header.properties()) {
                if (!field.getKey().equals("__metadata__")) entries.put(field.getKey(), entry(path, field, size - dataStart));
            }
            return new SafetensorsFile(path, dataStart, Collections.unmodifiableMap(entries));
        } catch (IOException e) {
            throw new BadInputException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static Entry entry(Path path, Map.Entry<String, JsonNode> field, long dataBytes) {
        String name = field.getKey();
        JsonNode spec = field.getValue();
        int[] shape = new int[spec.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = spec.path("shape").path(i);
            if (!d.canConvertToInt() || d.asInt() < 0) {
                throw new BadInputException(path + ": tensor " + name + " has an invalid shape " + spec.path("shape"));
            }
            shape[i] = d.asInt();
        }
        long begin = spec.path("data_offsets").path(0).asLong(-1);
        long end = spec.path("data_offsets").path(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataBytes) {
            throw new BadInputException(path + ": tensor " + name + " has data offsets outside the file");
        }
        Entry entry = new Entry(name, spec.path("dtype").asText(), shape, begin, end);
        int width = switch (entry.dtype()) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> 0;
        };
        if (width > 0 && end - begin != entry.elements() * width) {
            throw new BadInputException(path + ": tensor " + name + " is " + entry.dtype() + " " + entry.shapeText()
                    + ", which takes " + entry.elements() * width + " bytes, but its data offsets span " + (end - begin));
        }
        return entry;
    }

    /** The tensor's values as floats (its dtype must be F32). */
    float[] readFloats(Entry entry) {
        float[] values = new float[Math.toIntExact(entry.elements())];
        readChunks(entry, (chunk, at) -> {
            int count = chunk.remaining() / 4;
            chunk.asFloatBuffer().get(values, at, count);
            return count;
        });
        return values;
    }

    /** The tensor's 16-bit values as raw bits (its dtype must be F16 or BF16). */
    short[] readShorts(Entry entry) {
        short[] values = new short[Math.toIntExact(entry.elements())];
        readChunks(entry, (chunk, at) -> {
            int count = chunk.remaining() / 2;
            chunk.asShortBuffer().get(values, at, count);
            return count;
        });
        return values;
    }

    /**
     * The tensor's bytes mapped read-only, little-endian: one mapping per tensor, so a file larger
     * than one mapping's 2 GiB limit needs no special case (a single tensor must fit one mapping).
     * The mapping outlives the channel and is released when the buffer is garbage-collected.
     */
    ByteBuffer map(Entry entry) {
        long length = entry.end() - entry.begin();
        if (length > Integer.MAX_VALUE) {
            throw new BadInputException(path + ": tensor " + entry.name() + " takes " + length + " bytes; Hone maps each "
                    + "tensor in one region of at most " + Integer.MAX_VALUE + " bytes");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + entry.begin(), length).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new BadInputException("cannot map tensor " + entry.name() + " from " + path + ": " + e.getMessage(), e);
        }
    }

    /** Receives a little-endian chunk of whole elements; returns how many elements it took. */
    private interface ChunkReader {
        int take(ByteBuffer chunk, int at);
    }

    private void readChunks(Entry entry, ChunkReader reader) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            int at = 0;
            for (long offset = entry.begin(); offset < entry.end(); ) {
                int length = (int) Math.min(CHUNK_BYTES, entry.end() - offset);
                at += reader.take(read(channel, dataStart + offset, length), at);
                offset += length;
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read tensor " + entry.name() + " from " + path + ": " + e.getMessage(), e);
        }
    }

    /** {@code length} bytes at {@code position}, little-endian, ready to read. */
    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) throw new IOException("unexpected end of file");
        }
        return buffer.flip();
    }
}
