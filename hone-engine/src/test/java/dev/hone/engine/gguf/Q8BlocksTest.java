package dev.hone.engine.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class Q8BlocksTest {

    private static ByteBuffer encode(float[] row) {
        ByteBuffer out = ByteBuffer.allocate(row.length / 32 * 34).order(ByteOrder.LITTLE_ENDIAN);
        Q8Blocks.encode(row, out);
        return out.flip();
    }

    @Test
    void aBlockWithLargest127HasScaleOneAndRoundsHalvesAwayFromZero() {
        float[] row = new float[32];
        row[0] = 127;
        row[1] = -127;
        row[2] = 2.5f;    // → 3 (Math.round would agree)
        row[3] = -2.5f;   // → -3 (Math.round would give -2)
        row[4] = 0.49f;   // → 0
        row[5] = -0.5f;   // → -1
        row[6] = 1.5f;    // → 2

        ByteBuffer block = encode(row);

        assertThat(block.getShort()).isEqualTo((short) 0x3C00);   // d = 127 / 127 = 1.0 as f16
        byte[] quantised = new byte[32];
        block.get(quantised);
        assertThat(quantised).startsWith(127, -127, 3, -3, 0, -1, 2, 0);
        assertThat(block.hasRemaining()).isFalse();
    }

    @Test
    void eachBlockHasItsOwnScaleAndValuesAreDividedByIt() {
        float[] row = new float[64];
        row[0] = 1;                  // block 0: d = 1/127, so 1 → 127
        row[1] = 0.5f;               // 0.5 · 127 = 63.5 → 64
        row[32] = -63.5f;            // block 1: d = 0.5 (f16 0x3800), so -63.5 → -127
        row[33] = 0.25f;             // 0.25 / 0.5 = 0.5 → 1
        row[34] = -0.75f;            // -1.5 → -2

        ByteBuffer blocks = encode(row);

        assertThat(blocks.getShort(0)).isEqualTo(Float.floatToFloat16(1f / 127));
        assertThat(blocks.get(2)).isEqualTo((byte) 127);
        assertThat(blocks.get(3)).isEqualTo((byte) 64);
        assertThat(blocks.getShort(34)).isEqualTo((short) 0x3800);
        assertThat(blocks.get(36)).isEqualTo((byte) -127);
        assertThat(blocks.get(37)).isEqualTo((byte) 1);
        assertThat(blocks.get(38)).isEqualTo((byte) -2);
    }

    @Test
    void anAllZeroBlockHasScaleZeroAndZeros() {
        ByteBuffer block = encode(new float[32]);
        assertThat(block.getShort()).isZero();
        while (block.hasRemaining()) assertThat(block.get()).isZero();
    }

    @Test
    void aRowThatIsNotWholeBlocksIsRefused() {
        assertThatThrownBy(() -> encode(new float[40])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of 32");
        assertThat(GgufTensorType.Q8_0.fitsRowsOf(40)).isFalse();
        assertThat(GgufTensorType.F16.fitsRowsOf(40)).isTrue();
    }

    @Test
    void f16RowsRoundToNearestEven() {
        ByteBuffer out = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        // 1 + 2^-11 lies halfway between 1 and the next half, 1 + 2^-10: ties go to the even one, 1.
        GgufTensorType.F16.encodeRow(new float[] {1 + 0x1p-11f, 1 + 3 * 0x1p-11f}, out);
        assertThat(out.getShort(0)).isEqualTo((short) 0x3C00);
        assertThat(out.getShort(2)).isEqualTo((short) 0x3C02);
    }

    @Test
    void bf16RowsRoundToNearestEvenAndKeepNaNQuiet() {
        ByteBuffer out = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        // 1 + 2^-8 is halfway between 1 and 1 + 2^-7 (bf16 keeps 7 fraction bits): ties go to the even one, 1;
        // 1 + 3 * 2^-8 is halfway between 1 + 2^-7 and 1 + 2^-6: to the even 1 + 2^-6 (ggml_compute_fp32_to_bf16).
        GgufTensorType.BF16.encodeRow(new float[] {1 + 0x1p-8f, 1 + 3 * 0x1p-8f, -2.5f, Float.intBitsToFloat(0x7f800001)}, out);
        assertThat(out.getShort(0)).isEqualTo((short) 0x3F80);
        assertThat(out.getShort(2)).isEqualTo((short) 0x3F82);
        assertThat(out.getShort(4)).isEqualTo((short) 0xC020);
        assertThat(out.getShort(6)).isEqualTo((short) 0x7FC0);   // a signalling NaN stays a NaN, not infinity
        assertThat(GgufTensorType.BF16.rowBytes(40)).isEqualTo(80);
        assertThat(GgufTensorType.ofOptionName("BF16")).isEqualTo(GgufTensorType.BF16);
    }
}
