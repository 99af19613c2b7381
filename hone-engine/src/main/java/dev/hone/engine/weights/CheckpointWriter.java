package dev.hone.engine.weights;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.kernel.ElementType;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.Function;

/**
 * One safetensors file made from the tensors of a checkpoint (one file or shards), each in its
 * stored dtype and shape, some with an f32 addition rounded back to that dtype: how a merged
 * model keeps the base's width. Tensors are streamed one at a time from their mappings.
 */
final class CheckpointWriter {
    private CheckpointWriter() {
    }

    static void write(Map<String, SafetensorsFile> fileOf, Path file, Function<String, float[]> added) {
        ObjectNode header = Json.MAPPER.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Map.Entry<String, SafetensorsFile> tensor : fileOf.entrySet()) {
            SafetensorsFile.Entry entry = tensor.getValue().entries().get(tensor.getKey());
            ObjectNode spec = header.putObject(entry.name());
            spec.put("dtype", entry.dtype());
            var shape = spec.putArray("shape");
            for (int d : entry.shape()) shape.add(d);
            long size = entry.end() - entry.begin();
            spec.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            byte[] headerBytes = Json.MAPPER.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
            int padding = (8 - headerBytes.length % 8) % 8;                  // 8-byte aligned data, as the reference writer
            ByteBuffer start = ByteBuffer.allocate(8 + headerBytes.length + padding).order(ByteOrder.LITTLE_ENDIAN);
            start.putLong(headerBytes.length + padding).put(headerBytes);
            while (start.hasRemaining()) start.put((byte) ' ');
            writeFully(out, start.flip());
            for (Map.Entry<String, SafetensorsFile> tensor : fileOf.entrySet()) {
                SafetensorsFile source = tensor.getValue();
                SafetensorsFile.Entry entry = source.entries().get(tensor.getKey());
                ByteBuffer bytes = source.map(entry);
                float[] delta = added.apply(entry.name());
                writeFully(out, delta == null ? bytes : plus(source, entry, bytes, delta));
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write " + file + " (" + e + "); choose a writable place with room for the model", e);
        }
    }

    /** The tensor's values widened, plus {@code delta}, rounded back to the stored type, as little-endian bytes. */
    private static ByteBuffer plus(SafetensorsFile source, SafetensorsFile.Entry entry, ByteBuffer bytes, float[] delta) {
        ElementType type = SafetensorsCheckpoint.elementType(source, entry);
        if (delta.length != entry.elements()) {
            throw new IllegalArgumentException(entry.name() + " has " + entry.elements() + " values, its addition " + delta.length);
        }
        ByteBuffer result = ByteBuffer.allocate(Math.toIntExact(entry.end() - entry.begin())).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < delta.length; i++) {
            if (type == ElementType.F32) {
                result.putFloat(bytes.getFloat(4 * i) + delta[i]);
            } else {
                result.putShort(type.narrow(type.widen(bytes.getShort(2 * i)) + delta[i]));
            }
        }
        return result.flip();
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) out.write(buffer);
    }
}
