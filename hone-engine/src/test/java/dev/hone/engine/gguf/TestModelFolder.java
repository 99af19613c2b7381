package dev.hone.engine.gguf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A decoder fixture (resources/decoder) copied into a folder beside a small byte-level BPE
 * tokenizer: five tokens, one merge, two added tokens; ids 5 and up of the fixtures' vocabulary of
 * 300 are unused, so they become padding tokens in GGUF.
 */
final class TestModelFolder {
    static final String TOKENIZER = """
            {"version": "1.0", "added_tokens": [
               {"id": 3, "content": "<s>", "special": true},
               {"id": 4, "content": "<x>", "special": false}],
             "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
             "decoder": {"type": "ByteLevel"},
             "model": {"type": "BPE", "byte_fallback": false, "vocab": {"a": 0, "b": 1, "ab": 2, "<s>": 3, "<x>": 4},
                       "merges": [["a", "b"]]}}
            """;
    static final String TOKENIZER_CONFIG = """
            {"bos_token": "<s>", "eos_token": {"content": "<s>"}, "add_bos_token": false, "chat_template": "{{ messages }}"}
            """;

    private TestModelFolder() {
    }

    static Path write(Path directory, String fixture) {
        try {
            Path source = Path.of(TestModelFolder.class.getResource("/decoder/" + fixture + "/config.json").toURI()).getParent();
            Path folder = Files.createDirectories(directory.resolve(fixture));
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.startsWith("reference") || name.startsWith("llamacpp")) continue;
                    Files.copy(file, folder.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(folder.resolve("tokenizer.json"), TOKENIZER);
            Files.writeString(folder.resolve("tokenizer_config.json"), TOKENIZER_CONFIG);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
