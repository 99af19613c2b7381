package dev.hone.engine.onnx;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX model as it is written: a {@code GraphProto}'s nodes (in the order they run),
 * initializers, inputs and outputs, then {@link #write} wraps it in a {@code ModelProto}
 * (IR version {@value #IR_VERSION}, the default domain at opset {@value #OPSET}, which has
 * {@code LayerNormalization}). Field numbers follow onnx.proto3. Tensors are stored little-endian
 * in {@code raw_data}; a node's single output is named after the node ({@code NAME_output_0}), and
 * node names are made unique the way PyTorch's exporter does it ({@code …/MatMul}, {@code …/MatMul_1}).
 */
final class OnnxModelWriter {
    static final int IR_VERSION = 8;
    static final int OPSET = 17;
    /** TensorProto.DataType values. */
    static final int FLOAT = 1;
    static final int INT64 = 7;
    static final int BOOL = 9;

    private final ProtoWriter graph = new ProtoWriter();
    private final Set<String> nodeNames = new HashSet<>();
    private long weightBytes;

    /** A node attribute: an integer, a float, or a list of integers. */
    record Attribute(String name, int type, long integer, float real, long[] integers) {
        static Attribute of(String name, long value) {
            return new Attribute(name, 2, value, 0f, null);
        }

        static Attribute of(String name, float value) {
            return new Attribute(name, 1, 0, value, null);
        }

        static Attribute ofAll(String name, long... values) {
            return new Attribute(name, 7, 0, 0f, values);
        }

        private ProtoWriter proto() {
            ProtoWriter attribute = new ProtoWriter().string(1, name);
            switch (type) {
                case 1 -> attribute.float32(2, real);
                case 2 -> attribute.varint(3, integer);
                default -> attribute.packedVarints(8, integers);
            }
            return attribute.varint(20, type);
        }
    }

    OnnxModelWriter(String graphName) {
        graph.string(2, graphName);
    }

    /** Bytes of tensor data written so far. */
    long weightBytes() {
        return weightBytes;
    }

    /** A float initializer of the given shape; returns its name. */
    String weight(String name, float[] values, int... dims) {
        ByteBuffer raw = ByteBuffer.allocate(Math.multiplyExact(values.length, Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return tensor(name, FLOAT, toLongs(dims), raw.array());
    }

    /** An int64 initializer: a scalar when {@code dims} is empty, else of that shape. */
    String integers(String name, long[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return tensor(name, INT64, dims, raw.array());
    }

    String integerScalar(String name, long value) {
        return integers(name, new long[] {value});
    }

    String floatScalar(String name, float value) {
        return weight(name, new float[] {value});
    }

    private String tensor(String name, int dataType, long[] dims, byte[] raw) {
        ProtoWriter tensor = new ProtoWriter();
        if (dims.length > 0) tensor.packedVarints(1, dims);
        tensor.varint(2, dataType).string(8, name).bytes(9, raw);
        graph.message(5, tensor);
        weightBytes += raw.length;
        return name;
    }

    /** Adds a node with one output, named {@code NAME_output_0}; returns that output's name. */
    String node(String opType, String name, List<String> inputs, Attribute... attributes) {
        return node(null, opType, name, inputs, attributes);
    }

    /** Adds a node whose one output is {@code output} (a graph output's name), or {@code NAME_output_0} when null. */
    String node(String output, String opType, String name, List<String> inputs, Attribute... attributes) {
        String unique = name;
        for (int i = 1; !nodeNames.add(unique); i++) unique = name + "_" + i;
        String produced = output == null ? unique + "_output_0" : output;
        ProtoWriter node = new ProtoWriter();
        for (String input : inputs) node.string(1, input);
        node.string(2, produced).string(3, unique).string(4, opType);
        for (Attribute attribute : attributes) node.message(5, attribute.proto());
        graph.message(1, node);
        return produced;
    }

    /** A graph input; each dimension is a size (Integer) or a symbolic name (String). */
    void input(String name, int elementType, Object... dims) {
        graph.message(11, valueInfo(name, elementType, dims));
    }

    void output(String name, int elementType, Object... dims) {
        graph.message(12, valueInfo(name, elementType, dims));
    }

    private static ProtoWriter valueInfo(String name, int elementType, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object dim : dims) {
            ProtoWriter dimension = new ProtoWriter();
            if (dim instanceof Integer size) dimension.varint(1, size);
            else dimension.string(2, dim.toString());
            shape.message(1, dimension);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elementType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    /**
     * Writes the model to {@code file}: the {@code ModelProto} header fields, then the graph
     * streamed as it is, so the graph is never copied once more.
     */
    void write(Path file, String producerVersion, Map<String, String> metadata) throws IOException {
        ProtoWriter header = new ProtoWriter()
                .varint(1, IR_VERSION)
                .string(2, "hone")
                .string(3, producerVersion)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET));
        metadata.forEach((key, value) -> header.message(14, new ProtoWriter().string(1, key).string(2, value)));
        header.messageHeader(7, graph.size());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            header.writeTo(out);
            graph.writeTo(out);
        }
    }

    private static long[] toLongs(int[] dims) {
        long[] longs = new long[dims.length];
        for (int i = 0; i < dims.length; i++) longs[i] = dims[i];
        return longs;
    }
}
