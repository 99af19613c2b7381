package dev.hone.engine.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header
 * mapping each name to dtype, shape and byte offsets, then the raw little-endian data.
 * Hone writes and reads F32 tensors.
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

    public static Map<String, NamedTensor> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 8) throw new BadInputException(file + ": too short to be a safetensors file");
        long headerLength = buffer.getLong(0);
        if (headerLength < 2 || 8 + headerLength > bytes.length) {
            throw new BadInputException(file + ": header length " + headerLength + " does not fit the file; it is not safetensors or is truncated");
        }
        JsonNode header;
        try {
            header = Json.MAPPER.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException(file + ": header is not valid JSON: " + e.getMessage(), e);
        }
        int dataStart = 8 + (int) headerLength;
        Map<String, NamedTensor> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("__metadata__")) continue;
            JsonNode spec = entry.getValue();
            if (!"F32".equals(spec.path("dtype").asText())) {
                throw new BadInputException(file + ": tensor " + entry.getKey() + " has dtype " + spec.path("dtype").asText()
                        + "; only F32 is supported");
            }
            List<Integer> dims = new ArrayList<>();
            spec.path("shape").forEach(d -> dims.add(d.asInt()));
            long begin = spec.path("data_offsets").path(0).asLong();
            long end = spec.path("data_offsets").path(1).asLong();
            if (begin < 0 || end < begin || dataStart + end > bytes.length) {
                throw new BadInputException(file + ": tensor " + entry.getKey() + " has data offsets outside the file");
            }
            float[] values = new float[(int) ((end - begin) / 4)];
            ByteBuffer.wrap(bytes, dataStart + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer().get(values);
            int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
            tensors.put(entry.getKey(), new NamedTensor(entry.getKey(), shape, values));
        }
        return tensors;
    }
}
