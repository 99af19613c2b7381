package dev.hone.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.engine.gguf.DecoderGgufExport;
import dev.hone.engine.gguf.GgufTensorType;
import dev.hone.engine.gguf.WriteProgress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * llama.cpp's verdict on Hone's GGUF export and decoder, kept for the offline build:
 * {@code bench/decoder/llamacpp-check --write-reference} ran llama.cpp (node-llama-cpp) on each
 * fixture's exports and wrote, beside reference.json, {@code llamacpp.json} with each export's
 * sha256 and llama.cpp's 32 greedy tokens. This test exports the same chat folder again and checks
 * that the bytes are the ones llama.cpp ran on (so the export has not changed since), and that
 * Hone's greedy continuation equals llama.cpp's on the f32 export. It lives in hone-local because
 * the chat folder's tokenizer is written by hone-local's {@link ChatModelFolder}.
 */
class GgufLlamaCppReferenceTest {
    static final List<String> FIXTURES = LlamaCppFixtures.FIXTURES;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}")
    @FieldSource("FIXTURES")
    void exportsAreTheBytesLlamaCppRanOn(String fixture) throws IOException {
        JsonNode llamaCpp = llamaCpp(fixture);
        Path folder = LlamaCppFixtures.chatFolder(directory, fixture);
        for (GgufTensorType type : GgufTensorType.values()) {
            Path gguf = directory.resolve(type.optionName() + ".gguf");
            DecoderGgufExport.of(folder, type).writeTo(gguf, WriteProgress.SILENT);
            assertThat(sha256(gguf)).as("%s %s export's sha256 against llamacpp.json (re-run bench/decoder/llamacpp-check "
                    + "--write-reference after a deliberate change to the export)", fixture, type)
                    .isEqualTo(llamaCpp.path("exports").path(type.optionName()).path("sha256").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("FIXTURES")
    void greedyContinuationEqualsLlamaCppsOnTheF32Export(String fixture) throws IOException {
        int[] llamaCppTokens = LlamaCppFixtures.ids(llamaCpp(fixture).path("exports").path("f32").path("greedy"));
        Path folder = LlamaCppFixtures.chatFolder(directory, fixture);

        int[] hone = LlamaCppFixtures.honeGreedy(folder, LlamaCppFixtures.prompt(fixture));

        assertThat(llamaCppTokens).hasSize(LlamaCppFixtures.GREEDY_TOKENS);
        assertThat(hone).containsExactly(llamaCppTokens);
    }

    private static JsonNode llamaCpp(String fixture) throws IOException {
        return JSON.readTree(ChatModelFolder.FIXTURES.resolve(fixture).resolve("llamacpp.json").toFile());
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
