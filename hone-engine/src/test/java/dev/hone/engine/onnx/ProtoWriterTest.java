package dev.hone.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.error.BadInputException;
import org.junit.jupiter.api.Test;

/**
 * The protobuf wire format as its specification spells it out, byte for byte, and the 2 GB limit
 * an ONNX file's single message has.
 */
class ProtoWriterTest {

    @Test
    void writesTheSpecificationsExamples() {
        // field 1 = 150: tag 08, varint 96 01 (protobuf's encoding guide).
        assertThat(new ProtoWriter().varint(1, 150).toByteArray()).containsExactly(0x08, 0x96, 0x01);
        // field 2 = "testing": tag 12, length 07, the UTF-8 bytes.
        assertThat(new ProtoWriter().string(2, "testing").toByteArray())
                .containsExactly(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67);
        // field 3 = embedded {field 1 = 150}: tag 1a, length 03, the message.
        assertThat(new ProtoWriter().message(3, new ProtoWriter().varint(1, 150)).toByteArray())
                .containsExactly(0x1a, 0x03, 0x08, 0x96, 0x01);
        // field 4 = packed [3, 270, 86942]: tag 22, length 06, the varints.
        assertThat(new ProtoWriter().packedVarints(4, new long[] {3, 270, 86942}).toByteArray())
                .containsExactly(0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05);
    }

    @Test
    void writesNegativeIntegersInTenBytesAndFloatsLittleEndian() {
        // An int64 of -1 (an ONNX axis attribute) is ten bytes; 1.0f is 00 00 80 3f.
        assertThat(new ProtoWriter().varint(3, -1).toByteArray())
                .containsExactly(0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
        assertThat(new ProtoWriter().float32(2, 1f).toByteArray()).containsExactly(0x15, 0x00, 0x00, 0x80, 0x3f);
    }

    @Test
    void anEncoderAboveTwoGigabytesIsRefusedBeforeAnythingIsBuilt() {
        EncoderOnnxExport.requireOneFile("small", 500_000_000L);
        assertThatThrownBy(() -> EncoderOnnxExport.requireOneFile("xlm-roberta-xl", 3_500_000_000L))
                .isInstanceOf(BadInputException.class)
                .hasMessage("the encoder xlm-roberta-xl has 14.00 GB of f32 weights, more than one ONNX file holds (protobuf's 2 GB "
                        + "limit); Hone exports encoders up to about 500 M parameters");
    }
}
