package dev.hone.engine.weights;

import dev.hone.error.BadInputException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX {@code ModelProto} the importer needs: float initializers (including
 * {@code Constant} node values) and the node list, read with {@link ProtoReader}.
 * Field numbers follow onnx.proto3.
 */
final class OnnxGraph {

    /** One graph node: its operator, input and output value names, and integer/float attributes. */
    record Node(String opType, String name, List<String> inputs, List<String> outputs,
                Map<String, Long> intAttributes, Map<String, Float> floatAttributes) {
    }

    final Map<String, NamedTensor> initializers = new HashMap<>();
    final Map<String, long[]> integerInitializers = new HashMap<>();
    final List<Node> nodes = new ArrayList<>();

    static OnnxGraph parse(byte[] bytes, String source) {
        OnnxGraph graph = new OnnxGraph();
        try {
            ProtoReader model = new ProtoReader(bytes);
            boolean sawGraph = false;
            while (model.nextField()) {
                if (model.fieldNumber() == 7 && model.wireType() == ProtoReader.LENGTH_DELIMITED) {
                    graph.readGraph(model.readMessage());
                    sawGraph = true;
                } else {
                    model.skipField();
                }
            }
            if (!sawGraph) throw new BadInputException(source + ": no graph found; is this an ONNX model file?");
        } catch (RuntimeException e) {
            if (e instanceof BadInputException) throw e;
            throw new BadInputException(source + ": cannot read as ONNX (" + e + "); is the file complete?", e);
        }
        return graph;
    }

    private void readGraph(ProtoReader graph) {
        while (graph.nextField()) {
            switch (graph.fieldNumber()) {
                case 1 -> nodes.add(readNode(graph.readMessage()));
                case 5 -> readTensor(graph.readMessage(), null);
                default -> graph.skipField();
            }
        }
    }

    private Node readNode(ProtoReader node) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, Long> ints = new HashMap<>();
        Map<String, Float> floats = new HashMap<>();
        String opType = "";
        String name = "";
        List<ProtoReader> tensorAttributes = new ArrayList<>();
        while (node.nextField()) {
            switch (node.fieldNumber()) {
                case 1 -> inputs.add(node.readString());
                case 2 -> outputs.add(node.readString());
                case 3 -> name = node.readString();
                case 4 -> opType = node.readString();
                case 5 -> readAttribute(node.readMessage(), ints, floats, tensorAttributes);
                default -> node.skipField();
            }
        }
        // A Constant node's tensor is a weight like any initializer, named by the node's output.
        if (opType.equals("Constant") && !outputs.isEmpty()) {
            for (ProtoReader tensor : tensorAttributes) readTensor(tensor, outputs.get(0));
        }
        return new Node(opType, name, List.copyOf(inputs), List.copyOf(outputs), ints, floats);
    }

    private static void readAttribute(ProtoReader attribute, Map<String, Long> ints, Map<String, Float> floats,
                                      List<ProtoReader> tensors) {
        String name = "";
        Long intValue = null;
        Float floatValue = null;
        while (attribute.nextField()) {
            switch (attribute.fieldNumber()) {
                case 1 -> name = attribute.readString();
                case 2 -> floatValue = attribute.readFixed32Float();
                case 3 -> intValue = attribute.readVarint();
                case 5 -> tensors.add(attribute.readMessage());
                default -> attribute.skipField();
            }
        }
        if (intValue != null) ints.put(name, intValue);
        if (floatValue != null) floats.put(name, floatValue);
    }

    private void readTensor(ProtoReader tensor, String nameOverride) {
        List<Integer> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        ByteBuffer raw = null;
        List<Float> floatData = new ArrayList<>();
        List<Long> int64Data = new ArrayList<>();
        while (tensor.nextField()) {
            int field = tensor.fieldNumber();
            boolean packed = tensor.wireType() == ProtoReader.LENGTH_DELIMITED;
            switch (field) {
                case 1 -> {
                    if (packed) {
                        ProtoReader values = tensor.readMessage();
                        while (!values.atEnd()) dims.add((int) values.readVarint());
                    } else {
                        dims.add((int) tensor.readVarint());
                    }
                }
                case 2 -> dataType = (int) tensor.readVarint();
                case 4 -> {
                    if (packed) {
                        ProtoReader values = tensor.readMessage();
                        while (!values.atEnd()) floatData.add(values.readFixed32Float());
                    } else {
                        floatData.add(tensor.readFixed32Float());
                    }
                }
                case 7 -> {
                    if (packed) {
                        ProtoReader values = tensor.readMessage();
                        while (!values.atEnd()) int64Data.add(values.readVarint());
                    } else {
                        int64Data.add(tensor.readVarint());
                    }
                }
                case 8 -> name = tensor.readString();
                case 9 -> raw = tensor.readBytesView();
                default -> tensor.skipField();
            }
        }
        if (nameOverride != null) name = nameOverride;
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        if (dataType == 1) {
            float[] values;
            if (raw != null) {
                FloatBuffer floats = raw.asFloatBuffer();
                values = new float[floats.remaining()];
                floats.get(values);
            } else {
                values = new float[floatData.size()];
                for (int i = 0; i < values.length; i++) values[i] = floatData.get(i);
            }
            initializers.put(name, new NamedTensor(name, shape, values));
        } else if (dataType == 7) {
            long[] values;
            if (raw != null) {
                values = new long[raw.remaining() / 8];
                raw.asLongBuffer().get(values);
            } else {
                values = int64Data.stream().mapToLong(Long::longValue).toArray();
            }
            integerInitializers.put(name, values);
        }
    }
}
