package dev.hone.engine.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GGUF file's key-value metadata, in the order it is written (insertion order, so the same
 * export gives the same bytes). A key is set once: two writers of one key would be a bug.
 */
public final class GgufMetadata {
    private final Map<String, GgufValue> values = new LinkedHashMap<>();

    public GgufMetadata put(String key, GgufValue value) {
        if (values.putIfAbsent(key, value) != null) throw new IllegalStateException("metadata key " + key + " is set twice");
        return this;
    }

    public GgufMetadata putUInt32(String key, long value) {
        return put(key, new GgufValue.UInt32(value));
    }

    public GgufMetadata putFloat32(String key, float value) {
        return put(key, new GgufValue.Float32(value));
    }

    public GgufMetadata putBool(String key, boolean value) {
        return put(key, new GgufValue.Bool(value));
    }

    public GgufMetadata putString(String key, String value) {
        return put(key, new GgufValue.Text(value));
    }

    public GgufMetadata putStrings(String key, List<String> value) {
        return put(key, new GgufValue.TextArray(value));
    }

    public GgufMetadata putInt32s(String key, int[] value) {
        return put(key, new GgufValue.Int32Array(value));
    }

    public GgufValue get(String key) {
        return values.get(key);
    }

    /** The entries in writing order (read-only). */
    public Map<String, GgufValue> entries() {
        return Collections.unmodifiableMap(values);
    }
}
