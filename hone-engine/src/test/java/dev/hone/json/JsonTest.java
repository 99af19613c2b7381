package dev.hone.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    @TempDir
    Path directory;

    private static ObjectNode document(int n) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("n", n).put("text", "é \"quoted\"");
        node.putArray("values").add(1.5).add(2);
        node.putObject("nested").put("flag", true);
        return node;
    }

    private List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void mapperAndPrettyWriterWriteWhatAFreshMapperWithAndWithoutIndentOutputWrites() throws IOException {
        ObjectNode node = document(1);
        assertArrayEquals(new ObjectMapper().writeValueAsBytes(node), Json.MAPPER.writeValueAsBytes(node));
        assertArrayEquals(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(node),
                Json.PRETTY.writeValueAsBytes(node));
    }

    @Test
    void writesIndentedByDefaultAndCompactWithTheMapper() throws IOException {
        Path pretty = directory.resolve("pretty.json");
        Path compact = directory.resolve("compact.json");
        Json.writeAtomically(pretty, document(1));
        Json.writeAtomically(compact, document(1), Json.MAPPER.writer());
        assertArrayEquals(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(document(1)),
                Files.readAllBytes(pretty));
        assertArrayEquals(new ObjectMapper().writeValueAsBytes(document(1)), Files.readAllBytes(compact));
        assertEquals(Set.of(pretty, compact), Set.copyOf(filesIn(directory)), "no temporary file is left behind");
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path file = directory.resolve("state.json");
        Files.writeString(file, "old");
        Json.writeAtomically(file, document(2));
        assertEquals(2, Json.MAPPER.readTree(file.toFile()).path("n").asInt());
        assertEquals(List.of(file), filesIn(directory));
    }

    @Test
    void aValueThatCannotBeWrittenLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = directory.resolve("state.json");
        Files.writeString(file, "{\"n\":1}");
        assertThrows(IOException.class, () -> Json.writeAtomically(file, new Object()));
        assertEquals("{\"n\":1}", Files.readString(file));
        assertEquals(List.of(file), filesIn(directory));
    }

    @Test
    void concurrentWritersOfOneFileLeaveOneWholeDocument() throws Exception {
        Path file = directory.resolve("shared.json");
        List<Future<?>> writes = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 32; i++) {
                int n = i;
                writes.add(executor.submit(() -> {
                    Json.writeAtomically(file, document(n));
                    return null;
                }));
            }
            for (Future<?> write : writes) write.get();
        }
        int n = Json.MAPPER.readTree(file.toFile()).path("n").asInt(-1);
        assertTrue(n >= 0 && n < 32, "one writer's whole document, got n=" + n);
        assertEquals(document(n), Json.MAPPER.readTree(file.toFile()));
        assertEquals(List.of(file), filesIn(directory));
    }

    @Test
    void aMissingParentFolderIsAnError() {
        assertThrows(IOException.class, () -> Json.writeAtomically(directory.resolve("absent/state.json"), document(1)));
    }
}
