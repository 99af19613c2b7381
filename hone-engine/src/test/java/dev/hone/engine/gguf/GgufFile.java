package dev.hone.engine.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back what the tests wrote, by the GGUF v3 layout independently of {@link GgufWriter}:
 * header, metadata (each value with its type id), tensor infos and where the data section starts.
 */
record GgufFile(int version, Map<String, Entry> metadata, List<TensorInfo> tensors, long dataStart, ByteBuffer bytes) {

    record Entry(int typeId, Object value) {
    }

    record TensorInfo(String name, long[] dimensions, int ggmlType, long offset) {
    }

    static GgufFile parse(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[4];
        in.get(magic);
        if (!new String(magic, StandardCharsets.US_ASCII).equals("GGUF")) throw new AssertionError("no GGUF magic");
        int version = in.getInt();
        long tensorCount = in.getLong();
        long keyCount = in.getLong();
        Map<String, Entry> metadata = new LinkedHashMap<>();
        for (long k = 0; k < keyCount; k++) {
            String key = string(in);
            int type = in.getInt();
            metadata.put(key, new Entry(type, value(in, type)));
        }
        List<TensorInfo> tensors = new ArrayList<>();
        for (long t = 0; t < tensorCount; t++) {
            String name = string(in);
            long[] dimensions = new long[in.getInt()];
            for (int d = 0; d < dimensions.length; d++) dimensions[d] = in.getLong();
            tensors.add(new TensorInfo(name, dimensions, in.getInt(), in.getLong()));
        }
        long dataStart = (in.position() + 31) / 32 * 32;
        return new GgufFile(version, metadata, tensors, dataStart, in);
    }

    private static Object value(ByteBuffer in, int type) {
        return switch (type) {
            case 4 -> Integer.toUnsignedLong(in.getInt());
            case 5 -> in.getInt();
            case 6 -> in.getFloat();
            case 7 -> in.get() != 0;
            case 8 -> string(in);
            case 9 -> {
                int elementType = in.getInt();
                long count = in.getLong();
                List<Object> values = new ArrayList<>();
                for (long i = 0; i < count; i++) values.add(value(in, elementType));
                yield new ArrayValue(elementType, values);
            }
            default -> throw new AssertionError("unexpected value type " + type);
        };
    }

    record ArrayValue(int elementType, List<Object> values) {
    }

    private static String string(ByteBuffer in) {
        byte[] utf8 = new byte[Math.toIntExact(in.getLong())];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    Object value(String key) {
        Entry entry = metadata.get(key);
        if (entry == null) throw new AssertionError("no metadata key " + key + " among " + metadata.keySet());
        return entry.value();
    }

    TensorInfo tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no tensor " + name));
    }

    List<String> tensorNames() {
        return tensors.stream().map(TensorInfo::name).toList();
    }

    /** Element {@code index} of an F32 tensor. */
    float f32(String name, long index) {
        return bytes.getFloat(Math.toIntExact(dataStart + tensor(name).offset() + 4 * index));
    }

    /** The bits of element {@code index} of an F16 or BF16 tensor. */
    short bits16(String name, long index) {
        return bytes.getShort(Math.toIntExact(dataStart + tensor(name).offset() + 2 * index));
    }
}
