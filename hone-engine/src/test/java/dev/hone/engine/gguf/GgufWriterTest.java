package dev.hone.engine.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GgufWriterTest {

    private static byte[] write(GgufMetadata metadata, List<GgufTensor> tensors) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GgufWriter.write(out, metadata, tensors, WriteProgress.SILENT);
        return out.toByteArray();
    }

    private static GgufTensor matrix(String name, GgufTensorType type, float[][] rows) {
        return GgufTensor.matrix(name, type, rows.length, rows[0].length, () -> new TensorValues() {
            @Override
            public int rows() {
                return rows.length;
            }

            @Override
            public int columns() {
                return rows[0].length;
            }

            @Override
            public void readRow(int row, float[] into) {
                System.arraycopy(rows[row], 0, into, 0, into.length);
            }
        });
    }

    @Test
    void headerIsMagicVersionThreeAndTheCounts() throws IOException {
        GgufMetadata metadata = new GgufMetadata().putString("general.architecture", "llama").putUInt32("llama.block_count", 2);
        byte[] file = write(metadata, List.of(GgufTensor.vector("output_norm.weight", 3, () -> new float[] {1, 2, 3})));

        assertThat(new String(file, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GGUF");
        assertThat(file[4]).isEqualTo((byte) 3);
        assertThat(file[5] | file[6] | file[7]).isZero();
        assertThat(file[8]).isEqualTo((byte) 1);    // one tensor, as a little-endian uint64
        assertThat(file[16]).isEqualTo((byte) 2);   // two keys
        GgufFile read = GgufFile.parse(file);
        assertThat(read.version()).isEqualTo(3);
        assertThat(read.metadata()).containsOnlyKeys("general.architecture", "llama.block_count");
    }

    @Test
    void metadataValuesKeepTheirGgufTypes() throws IOException {
        GgufMetadata metadata = new GgufMetadata()
                .putUInt32("a.count", 4_000_000_000L)
                .putFloat32("a.eps", 1e-5f)
                .putBool("a.flag", true)
                .putString("a.name", "Grüße")
                .putStrings("a.tokens", List.of("Ġt", "<s>"))
                .putInt32s("a.types", new int[] {1, 3, -1});

        GgufFile read = GgufFile.parse(write(metadata, List.of()));

        assertThat(read.metadata().get("a.count")).isEqualTo(new GgufFile.Entry(4, 4_000_000_000L));
        assertThat(read.metadata().get("a.eps")).isEqualTo(new GgufFile.Entry(6, 1e-5f));
        assertThat(read.metadata().get("a.flag")).isEqualTo(new GgufFile.Entry(7, true));
        assertThat(read.metadata().get("a.name")).isEqualTo(new GgufFile.Entry(8, "Grüße"));
        assertThat(read.metadata().get("a.tokens")).isEqualTo(new GgufFile.Entry(9, new GgufFile.ArrayValue(8, List.of("Ġt", "<s>"))));
        assertThat(read.metadata().get("a.types")).isEqualTo(new GgufFile.Entry(9, new GgufFile.ArrayValue(5, List.of(1, 3, -1))));
        assertThat(List.copyOf(read.metadata().keySet())).containsExactly("a.count", "a.eps", "a.flag", "a.name", "a.tokens", "a.types");
    }

    @Test
    void aKeyIsSetOnce() {
        GgufMetadata metadata = new GgufMetadata().putUInt32("a", 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> metadata.putUInt32("a", 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a is set twice");
    }

    @Test
    void tensorDataIsAlignedTo32BytesAndListedInnermostDimensionFirst() throws IOException {
        float[][] matrix = {{1, 2, 3}, {4, 5, 6}};
        byte[] file = write(new GgufMetadata().putString("x", "odd length to misalign the header"),
                List.of(GgufTensor.vector("v", 3, () -> new float[] {7, 8, 9}), matrix("m", GgufTensorType.F32, matrix)));

        GgufFile read = GgufFile.parse(file);
        assertThat(read.dataStart() % 32).isZero();
        assertThat(read.tensor("v").offset()).isZero();
        assertThat(read.tensor("m").offset()).isEqualTo(32);   // 12 bytes of v, padded to 32
        assertThat(read.tensor("v").dimensions()).containsExactly(3);
        assertThat(read.tensor("m").dimensions()).containsExactly(3, 2);
        assertThat(read.tensor("m").ggmlType()).isZero();
        assertThat(read.f32("v", 2)).isEqualTo(9);
        assertThat(read.f32("m", 4)).isEqualTo(5);            // row 1, column 1
        assertThat(file.length).isEqualTo(read.dataStart() + 64);
    }

    @Test
    void f16AndQ8TensorsCarryGgmlTypeIdsAndBlockSizes() throws IOException {
        float[][] row = new float[1][64];
        row[0][0] = 1;
        byte[] file = write(new GgufMetadata(), List.of(matrix("h", GgufTensorType.F16, row), matrix("q", GgufTensorType.Q8_0, row)));

        GgufFile read = GgufFile.parse(file);
        assertThat(read.tensor("h").ggmlType()).isEqualTo(1);
        assertThat(read.tensor("q").ggmlType()).isEqualTo(8);
        assertThat(read.tensor("q").offset()).isEqualTo(128);  // 64 halves
        assertThat(file.length).isEqualTo(read.dataStart() + 128 + 2 * 34 + 28);   // two Q8_0 blocks, padded to 96
    }

    @Test
    void theSameInputGivesTheSameBytes() throws IOException {
        float[][] matrix = {{0.1f, -0.2f}, {0.3f, 0.4f}};
        GgufMetadata metadata = new GgufMetadata().putString("general.name", "m").putInt32s("t", new int[] {1, 2});
        assertThat(write(metadata, List.of(matrix("m", GgufTensorType.F16, matrix))))
                .isEqualTo(write(metadata, List.of(matrix("m", GgufTensorType.F16, matrix))));
    }
}
