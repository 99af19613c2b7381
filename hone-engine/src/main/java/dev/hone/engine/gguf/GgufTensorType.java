package dev.hone.engine.gguf;

import dev.hone.engine.kernel.ElementType;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The element types Hone writes, with ggml's type ids and the {@code general.file_type} a file
 * mostly of that type declares. BF16 keeps a bfloat16 checkpoint's weights bit for bit (rounding
 * an f32 one to nearest, ties to even, as ggml's {@code ggml_compute_fp32_to_bf16} does). Q8_0
 * stores blocks of 32 values as an f16 scale and 32 signed bytes ({@link Q8Blocks}); a row whose
 * length is not a multiple of 32 cannot be split into blocks and is written as F16 instead, as
 * llama.cpp's converter does.
 */
public enum GgufTensorType {
    F32(0, 0),
    F16(1, 1),
    Q8_0(8, 7),
    BF16(30, 32);

    private final int ggmlType;
    private final int fileType;

    GgufTensorType(int ggmlType, int fileType) {
        this.ggmlType = ggmlType;
        this.fileType = fileType;
    }

    /** ggml's id for the type, written in each tensor's header. */
    public int ggmlType() {
        return ggmlType;
    }

    /** The value of {@code general.file_type} for a file whose weight matrices are of this type. */
    public int fileType() {
        return fileType;
    }

    /** The name on the command line: f32, f16, q8_0, bf16. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named on the command line, or an error listing them all. */
    public static GgufTensorType ofOptionName(String name) {
        for (GgufTensorType type : values()) {
            if (type.optionName().equals(name.toLowerCase(Locale.ROOT))) return type;
        }
        throw new IllegalArgumentException("unknown GGUF type " + name + ": use " + optionNames());
    }

    /** The names on the command line, for messages: "f32, f16, q8_0 or bf16". */
    public static String optionNames() {
        GgufTensorType[] all = values();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            if (i > 0) names.append(i == all.length - 1 ? " or " : ", ");
            names.append(all[i].optionName());
        }
        return names.toString();
    }

    /** Whether rows of {@code columns} values can be stored in this type. */
    public boolean fitsRowsOf(long columns) {
        return this != Q8_0 || columns % Q8Blocks.BLOCK_SIZE == 0;
    }

    /** Bytes one row of {@code columns} values takes. */
    public long rowBytes(long columns) {
        return switch (this) {
            case F32 -> columns * 4;
            case F16, BF16 -> columns * 2;
            case Q8_0 -> columns / Q8Blocks.BLOCK_SIZE * Q8Blocks.BLOCK_BYTES;
        };
    }

    /** Writes one row of values in this type into {@code out} (little-endian), {@link #rowBytes} bytes. */
    public void encodeRow(float[] row, ByteBuffer out) {
        switch (this) {
            case F32 -> {
                for (float value : row) out.putFloat(value);
            }
            case F16 -> {
                // Round to nearest, ties to even: numpy's astype(float16), which the converter uses.
                for (float value : row) out.putShort(Float.floatToFloat16(value));
            }
            case Q8_0 -> Q8Blocks.encode(row, out);
            case BF16 -> {
                for (float value : row) out.putShort(ElementType.BF16.narrow(value));
            }
        }
    }
}
