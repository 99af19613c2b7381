package dev.hone.engine.weights;

import dev.hone.engine.kernel.ElementType;
import dev.hone.error.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX {@code ModelProto} the importer needs: floating-point initializers
 * (including {@code Constant} node values; f32, and f16 / bf16 widened to f32) and the node list,
 * read with {@link ProtoReader}. A tensor stored outside the file ({@code data_location} EXTERNAL,
 * as exports over 2 GB and {@code save_as_external_data} write them) is read from the file its
 * {@code location} names, relative to the model's folder. Field numbers follow onnx.proto3.
 */
final class OnnxGraph {
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final int FLOAT16 = 10;
    private static final int BFLOAT16 = 16;
    private static final int EXTERNAL = 1;


    /** One graph node: its operator, input and output value names, and integer/float attributes. */
    record Node(String opType, String name, List<String> inputs, List<String> outputs,
                Map<String, Long> intAttributes, Map<String, Float> floatAttributes) {
    }

    final Map<String, NamedTensor> initializers = new HashMap<>();
    final Map<String, long[]> integerInitializers = new HashMap<>();
    final List<Node> nodes = new ArrayList<>();
    /** The folder external data locations are relative to; null when the model is not a file. */
    private final Path folder;
    private final String source;

    private OnnxGraph(Path folder, String source) {
        this.folder = folder;
        this.source = source;
    }

    static OnnxGraph parse(byte[] bytes, String source) {
        return parse(bytes, source, null);
    }

    /** Parses a model whose external data, if any, lies in {@code folder}. */
    static OnnxGraph parse(byte[] bytes, String source, Path folder) {
        OnnxGraph graph = new OnnxGraph(folder, source);
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
        List<Long> int32Data = new ArrayList<>();
        Map<String, String> external = new HashMap<>();
        int dataLocation = 0;
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
                case 5 -> {
                    if (packed) {
                        ProtoReader values = tensor.readMessage();
                        while (!values.atEnd()) int32Data.add(values.readVarint());
                    } else {
                        int32Data.add(tensor.readVarint());
                    }
                }
                case 8 -> name = tensor.readString();
                case 9 -> raw = tensor.readBytesView();
                case 13 -> readEntry(tensor.readMessage(), external);
                case 14 -> dataLocation = (int) tensor.readVarint();
                default -> tensor.skipField();
            }
        }
        if (nameOverride != null) name = nameOverride;
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        if (dataLocation == EXTERNAL && (dataType == FLOAT || dataType == FLOAT16 || dataType == BFLOAT16 || dataType == INT64)) {
            raw = externalData(name, external);
        }
        if (dataType == FLOAT) {
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
        } else if (dataType == FLOAT16 || dataType == BFLOAT16) {
            // Raw: two bytes each; else int32_data holds each value's 16 bits.
            ElementType type = dataType == FLOAT16 ? ElementType.F16 : ElementType.BF16;
            float[] values;
            if (raw != null) {
                ShortBuffer halves = raw.asShortBuffer();
                values = new float[halves.remaining()];
                for (int i = 0; i < values.length; i++) values[i] = type.widen(halves.get(i));
            } else {
                values = new float[int32Data.size()];
                for (int i = 0; i < values.length; i++) values[i] = type.widen((short) int32Data.get(i).longValue());
            }
            initializers.put(name, new NamedTensor(name, shape, values));
        } else if (dataType == INT64) {
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

    private static void readEntry(ProtoReader entry, Map<String, String> into) {
        String key = "";
        String value = "";
        while (entry.nextField()) {
            switch (entry.fieldNumber()) {
                case 1 -> key = entry.readString();
                case 2 -> value = entry.readString();
                default -> entry.skipField();
            }
        }
        into.put(key, value);
    }

    /** The bytes of an externally stored tensor: {@code length} bytes (default: to the end) from {@code offset} of {@code location}. */
    private ByteBuffer externalData(String tensor, Map<String, String> external) {
        String location = external.get("location");
        if (location == null) throw new BadInputException(source + ": tensor " + tensor + " is stored externally but names no location");
        if (folder == null) {
            throw new BadInputException(source + ": tensor " + tensor + " is stored in the external file " + location
                    + ", which cannot be found for a model not read from a folder");
        }
        Path file = folder.resolve(location).normalize();
        if (!file.startsWith(folder.normalize())) {
            throw new BadInputException(source + ": tensor " + tensor + "'s external data location " + location
                    + " lies outside the model's folder " + folder);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long offset = Long.parseLong(external.getOrDefault("offset", "0"));
            long length = external.containsKey("length") ? Long.parseLong(external.get("length")) : channel.size() - offset;
            if (offset < 0 || length < 0 || offset + length > channel.size() || length > Integer.MAX_VALUE - 8) {
                throw new BadInputException(source + ": tensor " + tensor + " lies at bytes [" + offset + ", " + (offset + length)
                        + ") of " + file + ", which holds " + channel.size() + " bytes; is the external data file complete?");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, offset + bytes.position()) < 0) throw new IOException("unexpected end of file");
            }
            return bytes.flip();
        } catch (NumberFormatException e) {
            throw new BadInputException(source + ": tensor " + tensor + " has a non-numeric external offset or length", e);
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read tensor " + tensor + " from the external data file " + file
                    + " (" + e.getMessage() + "); keep it beside the .onnx file", e);
        }
    }
}
