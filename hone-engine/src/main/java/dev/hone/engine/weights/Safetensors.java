package dev.hone.engine.weights;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.kernel.ElementType;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header
 * mapping each name to dtype, shape and byte offsets, then the raw little-endian data.
 * Hone writes F32 tensors here and reads F32, F16 and BF16 ones widened to f32; {@link SafetensorsCheckpoint} reads a model folder's
 * F32, F16 and BF16 weights in their stored width.
 */
public final class Safetensors {

    private Safetensors() {
    }

    public static void write(Path file, Map<String, NamedTensor> tensors, Map<String, String> metadata) {
        ObjectNode header = Json.MAPPER.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (NamedTensor t : tensors.values()) {
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            long size = 4L * t.values().length;
            entry.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] headerBytes = Json.MAPPER.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
            int padding = (8 - headerBytes.length % 8) % 8;  // keeps the data 8-byte aligned, as the reference writer does
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length + padding);
            out.write(length.array());
            out.write(headerBytes);
            for (int i = 0; i < padding; i++) out.write(' ');
            for (NamedTensor t : tensors.values()) {
                ByteBuffer data = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
                data.asFloatBuffer().put(t.values());
                out.write(data.array());
            }
        } catch (IOException e) {
            throw new HoneException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every tensor of a file, in header order, as f32: F32 as {@link #write} writes it, F16 and BF16
     * (as PEFT saves adapters of a half-precision model) widened exactly.
     */
    public static Map<String, NamedTensor> read(Path file) {
        return read(file, false);
    }

    /**
     * The F32, F16 and BF16 tensors of a file like {@link #read(Path)}, skipping integer ones (the
     * {@code position_ids} buffers older transformers versions saved beside a model's weights).
     */
    public static Map<String, NamedTensor> readFloatingPoint(Path file) {
        return read(file, true);
    }

    private static Map<String, NamedTensor> read(Path file, boolean skipIntegers) {
        SafetensorsFile parsed = SafetensorsFile.open(file);
        Map<String, NamedTensor> tensors = new LinkedHashMap<>();
        for (SafetensorsFile.Entry entry : parsed.entries().values()) {
            if (skipIntegers && entry.dtype().matches("[IU]\\d+|BOOL")) continue;
            ElementType type = SafetensorsCheckpoint.elementType(parsed, entry);
            float[] values;
            if (type == ElementType.F32) {
                values = parsed.readFloats(entry);
            } else {
                short[] bits = parsed.readShorts(entry);
                values = new float[bits.length];
                for (int i = 0; i < bits.length; i++) values[i] = type.widen(bits[i]);
            }
            tensors.put(entry.name(), new NamedTensor(entry.name(), entry.shape(), values));
        }
        return tensors;
    }
}
