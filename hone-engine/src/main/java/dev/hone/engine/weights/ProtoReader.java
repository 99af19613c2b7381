package dev.hone.engine.weights;

import dev.hone.error.BadInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over protobuf wire-format bytes: just enough of the format to read ONNX files
 * (varints, fixed 32/64-bit values and length-delimited fields), so the engine needs no
 * protobuf dependency. Each message is read by a loop of {@link #nextField()} calls.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buffer;
    private final int end;
    private int tag;

    ProtoReader(ByteBuffer buffer, int start, int end) {
        this.buffer = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.buffer.position(start);
        this.end = end;
    }

    ProtoReader(byte[] bytes) {
        this(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    /** Advances to the next field; false at the end of the message. */
    boolean nextField() {
        if (buffer.position() >= end) return false;
        tag = (int) readVarint();
        return true;
    }

    int fieldNumber() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buffer.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new BadInputException("malformed protobuf: varint longer than 10 bytes at byte " + buffer.position());
    }

    float readFixed32Float() {
        return buffer.getFloat();
    }

    /** A sub-reader over the next length-delimited field (an embedded message or packed array). */
    ProtoReader readMessage() {
        int length = readLength();
        int start = buffer.position();
        buffer.position(start + length);
        return new ProtoReader(buffer, start, start + length);
    }

    String readString() {
        int length = readLength();
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The next length-delimited field as a little-endian view, without copying. */
    ByteBuffer readBytesView() {
        int length = readLength();
        ByteBuffer view = buffer.slice(buffer.position(), length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(buffer.position() + length);
        return view;
    }

    /** True when the remaining bytes of this (packed) reader are exhausted. */
    boolean atEnd() {
        return buffer.position() >= end;
    }

    void skipField() {
        switch (wireType()) {
            case VARINT -> readVarint();
            case FIXED64 -> buffer.position(buffer.position() + 8);
            case LENGTH_DELIMITED -> {
                int length = readLength();
                buffer.position(buffer.position() + length);
            }
            case FIXED32 -> buffer.position(buffer.position() + 4);
            default -> throw new BadInputException("malformed protobuf: unsupported wire type " + wireType()
                    + " at byte " + buffer.position() + " (is this really an ONNX file?)");
        }
    }

    private int readLength() {
        long length = readVarint();
        if (length < 0 || buffer.position() + length > end) {
            throw new BadInputException("malformed protobuf: field length " + length + " runs past the end of its message"
                    + " (the ONNX file is truncated or corrupt)");
        }
        return (int) length;
    }
}
