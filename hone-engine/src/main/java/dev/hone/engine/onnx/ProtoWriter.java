package dev.hone.engine.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Protobuf wire-format bytes, written field by field: the mirror image of the weights package's
 * reader, with just enough of the format for ONNX files (varints, fixed 32-bit floats,
 * length-delimited strings, bytes, packed varints and embedded messages), so the engine needs no
 * protobuf dependency. An embedded message is written into a writer of its own and then added
 * whole, since its length precedes it.
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;
    /** Protobuf's limit on a serialised message (signed 32-bit lengths). */
    static final long MAX_MESSAGE_BYTES = Integer.MAX_VALUE;

    private byte[] bytes = new byte[256];
    private int size;

    int size() {
        return size;
    }

    ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    ProtoWriter float32(int field, float value) {
        tag(field, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        ensure(4);
        for (int i = 0; i < 4; i++) bytes[size++] = (byte) (bits >>> (8 * i));
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(value.length);
        append(value, 0, value.length);
        return this;
    }

    /** A repeated integer field in packed form (one length-delimited run of varints). */
    ProtoWriter packedVarints(int field, long[] values) {
        ProtoWriter packed = new ProtoWriter();
        for (long value : values) packed.rawVarint(value);
        tag(field, LENGTH_DELIMITED);
        rawVarint(packed.size);
        append(packed.bytes, 0, packed.size);
        return this;
    }

    ProtoWriter message(int field, ProtoWriter message) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(message.size);
        append(message.bytes, 0, message.size);
        return this;
    }

    /** The field's tag and length, for a message of {@code length} bytes the caller writes next, straight to a stream. */
    ProtoWriter messageHeader(int field, long length) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(length);
        return this;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void tag(int field, int wireType) {
        rawVarint((long) field << 3 | wireType);
    }

    /** Negative values take ten bytes, as protobuf writes a negative int64. */
    private void rawVarint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    private void append(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > MAX_MESSAGE_BYTES - 8) {
            throw new IllegalStateException("a protobuf message cannot exceed 2 GB; this one would need " + needed + " bytes");
        }
        if (needed > bytes.length) bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_MESSAGE_BYTES - 8, Math.max(needed, 2L * bytes.length)));
    }
}
