package dev.hone.engine.weights;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.engine.kernel.ElementType;
import dev.hone.engine.kernel.StoredMatrix;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights of a Hugging Face model folder: {@code model.safetensors}, or else the shards that
 * {@code model.safetensors.index.json} maps each tensor to (the order transformers looks for them
 * in). Only the headers are read on opening; a tensor's values are mapped (or read) when asked
 * for, in the element type they are stored in: F32, F16 or BF16 weights stay 4, 2 or 2 bytes each.
 */
public final class SafetensorsCheckpoint {
    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private final Path folder;
    private final String source;
    private final Map<String, SafetensorsFile> fileOf;

    private SafetensorsCheckpoint(Path folder, String source, Map<String, SafetensorsFile> fileOf) {
        this.folder = folder;
        this.source = source;
        this.fileOf = fileOf;
    }

    /** Reads the headers of a folder's safetensors weights; the error names what is missing and how to get it. */
    public static SafetensorsCheckpoint open(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + " is not a folder: a Hugging Face model folder holds config.json and "
                    + SINGLE_FILE + " (or its shards and " + INDEX_FILE + ")");
        }
        Path single = folder.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            SafetensorsFile file = SafetensorsFile.open(single);
            Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
            file.entries().keySet().forEach(name -> fileOf.put(name, file));
            return new SafetensorsCheckpoint(folder, single.toString(), fileOf);
        }
        Path index = folder.resolve(INDEX_FILE);
        if (Files.isRegularFile(index)) return sharded(folder, index);
        String hint = Files.exists(folder.resolve("pytorch_model.bin"))
                ? "; it has pytorch_model.bin, which Hone does not read: save the model again with safetensors "
                        + "(model.save_pretrained(folder, safe_serialization=True))"
                : "";
        throw new BadInputException(folder + " has neither " + SINGLE_FILE + " nor " + INDEX_FILE
                + ": Hone reads a model's weights from safetensors files" + hint);
    }

    private static SafetensorsCheckpoint sharded(Path folder, Path index) {
        JsonNode weightMap;
        try {
            weightMap = Json.MAPPER.readTree(index.toFile()).path("weight_map");
        } catch (IOException e) {
            throw new BadInputException(index + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!weightMap.isObject() || weightMap.isEmpty()) {
            throw new BadInputException(index + ": expected a \"weight_map\" object from tensor names to shard files");
        }
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> mapping : weightMap.properties()) {
            String shardName = mapping.getValue().asText();
            Path shardPath = folder.resolve(shardName);
            if (!Files.isRegularFile(shardPath)) {
                throw new BadInputException(index + " maps " + mapping.getKey() + " to " + shardName
                        + ", which is not in " + folder + "; download every shard the index lists");
            }
            SafetensorsFile shard = shards.computeIfAbsent(shardName, name -> SafetensorsFile.open(shardPath));
            if (!shard.entries().containsKey(mapping.getKey())) {
                throw new BadInputException(index + " maps " + mapping.getKey() + " to " + shardPath + ", which has no such tensor");
            }
            fileOf.put(mapping.getKey(), shard);
        }
        return new SafetensorsCheckpoint(folder, index.toString(), fileOf);
    }

    /** Where the tensors are listed: model.safetensors or the index (for messages). */
    public String source() {
        return source;
    }

    public boolean contains(String name) {
        return fileOf.containsKey(name);
    }

    /**
     * A 2-D tensor in its stored element type, checked to be (rows × columns), memory-mapped: it
     * costs no heap and no reading until a product touches it, and the operating system shares its
     * pages with the file cache. The file must not be rewritten or truncated while the matrix is in
     * use (reading a truncated mapping fails with an internal error).
     */
    public StoredMatrix matrix(String name, int rows, int columns) {
        SafetensorsFile file = fileFor(name);
        SafetensorsFile.Entry entry = entry(file, name, new int[] {rows, columns});
        return StoredMatrix.mapped(file.map(entry), elementType(file, entry), rows, columns);
    }

    /** A 2-D tensor like {@link #matrix}, read into the Java heap instead of mapped. */
    public StoredMatrix matrixInHeap(String name, int rows, int columns) {
        SafetensorsFile file = fileFor(name);
        SafetensorsFile.Entry entry = entry(file, name, new int[] {rows, columns});
        return switch (elementType(file, entry)) {
            case F32 -> StoredMatrix.ofFloats(file.readFloats(entry), rows, columns);
            case F16 -> StoredMatrix.ofHalves(file.readShorts(entry), ElementType.F16, rows, columns);
            case BF16 -> StoredMatrix.ofHalves(file.readShorts(entry), ElementType.BF16, rows, columns);
        };
    }

    /** A 1-D tensor of {@code length} values (a norm's weight, a bias), widened to f32: small, and read often. */
    public float[] vector(String name, int length) {
        SafetensorsFile file = fileFor(name);
        SafetensorsFile.Entry entry = entry(file, name, new int[] {length});
        ElementType type = elementType(file, entry);
        if (type == ElementType.F32) return file.readFloats(entry);
        short[] bits = file.readShorts(entry);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) values[i] = type.widen(bits[i]);
        return values;
    }

    /**
     * Writes every tensor of this checkpoint into one safetensors file, in the order listed and in
     * its stored type, adding {@code added.apply(name)} (same shape, f32) where it is not null before
     * rounding back to that type. Tensors without an addition are copied byte for byte.
     *
     * @throws BadInputException when a tensor to add to is not F32, F16 or BF16, or the file cannot be written
     */
    public void writeSingleFile(Path file, java.util.function.Function<String, float[]> added) {
        CheckpointWriter.write(fileOf, file, added);
    }

    private SafetensorsFile fileFor(String name) {
        SafetensorsFile file = fileOf.get(name);
        if (file == null) {
            throw new BadInputException(source + " has no tensor " + name + "; the folder " + folder
                    + " is incomplete or holds a different architecture than config.json says");
        }
        return file;
    }

    private static SafetensorsFile.Entry entry(SafetensorsFile file, String name, int[] expectedShape) {
        SafetensorsFile.Entry entry = file.entries().get(name);
        if (!Arrays.equals(entry.shape(), expectedShape)) {
            throw new BadInputException(file.path() + ": tensor " + name + " has shape " + entry.shapeText()
                    + ", but config.json implies " + Arrays.toString(expectedShape));
        }
        if (entry.elements() > Integer.MAX_VALUE - 8) {
            throw new BadInputException(file.path() + ": tensor " + name + " has " + entry.elements()
                    + " elements; Hone holds a tensor in one Java array, at most " + (Integer.MAX_VALUE - 8));
        }
        return entry;
    }

    static ElementType elementType(SafetensorsFile file, SafetensorsFile.Entry entry) {
        return switch (entry.dtype()) {
            case "F32" -> ElementType.F32;
            case "F16" -> ElementType.F16;
            case "BF16" -> ElementType.BF16;
            default -> throw new BadInputException(file.path() + ": tensor " + entry.name() + " is " + entry.dtype()
                    + "; Hone reads F32, F16 and BF16 weights (quantised checkpoints are not supported)");
        };
    }
}
