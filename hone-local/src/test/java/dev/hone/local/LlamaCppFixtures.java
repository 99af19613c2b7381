package dev.hone.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.decoder.AdapterMerge;
import dev.hone.engine.decoder.Decoder;
import dev.hone.engine.decoder.PeftAdapterFolder;
import dev.hone.engine.gguf.DecoderGgufExport;
import dev.hone.engine.gguf.GgufTensorType;
import dev.hone.engine.gguf.WriteProgress;
import dev.hone.engine.kernel.ReferenceKernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The inputs of the llama.cpp reference check ({@code bench/decoder/llamacpp-check}): for each
 * decoder fixture, a chat model folder named after it (its weights, the test tokenizer, a ChatML
 * template), its GGUF exports in each type, and {@code hone.json} with the fixture's prompt,
 * Hone's greedy continuation on the folder and PyTorch's from reference.json. Each LoRA fixture
 * ({@code *-lora}) is exported merged into its base's chat folder ({@code hone export --merge}), and
 * its Hone continuation is the base with the adapter applied unmerged; its reference.json has no
 * greedy tokens (merge_check.py compares PyTorch's on the merged Hugging Face folder). Run from a
 * module folder (hone-local) with the output folder as the argument.
 */
public final class LlamaCppFixtures {
    public static final List<String> FIXTURES = List.of("llama-gqa-f32", "llama3-rope-bf16", "qwen2-bias-f16", "mistral-bf16",
            "llama-sharded-f16");
    public static final List<String> ADAPTER_FIXTURES = List.of("qwen2-bias-f16-lora", "llama3-rope-bf16-lora");
    public static final int GREEDY_TOKENS = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LlamaCppFixtures() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LlamaCppFixtures OUT_DIR");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        for (String fixture : FIXTURES) {
            Path base = out.resolve(fixture);
            Path folder = chatFolder(base, fixture);
            for (GgufTensorType type : GgufTensorType.values()) {
                DecoderGgufExport.of(folder, type).writeTo(base.resolve(type.optionName() + ".gguf"), WriteProgress.SILENT);
            }
            int[] prompt = prompt(fixture);
            ObjectNode hone = JSON.createObjectNode();
            hone.put("fixture", fixture);
            putIds(hone, "prompt", prompt);
            putIds(hone, "hone_greedy", honeGreedy(folder, prompt));
            hone.set("pytorch_greedy", reference(fixture).path("greedy"));
            Files.writeString(base.resolve("hone.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(hone));
            System.out.println(base);
        }
        for (String adapterFixture : ADAPTER_FIXTURES) writeMerged(out, adapterFixture);
    }

    /** The merged GGUF exports of a LoRA fixture and Hone's greedy continuation with the adapter applied unmerged. */
    private static void writeMerged(Path out, String adapterFixture) throws IOException {
        Path adapterFolder = ChatModelFolder.FIXTURES.resolve(adapterFixture);
        Path base = out.resolve(adapterFixture);
        Path folder = chatFolder(base, PeftAdapterFolder.baseModel(adapterFolder));
        AdapterMerge merge = AdapterMerge.load(folder, adapterFolder);
        for (GgufTensorType type : GgufTensorType.values()) {
            DecoderGgufExport.merged(merge, type).writeTo(base.resolve(type.optionName() + ".gguf"), WriteProgress.SILENT);
        }
        int[] prompt = prompt(adapterFixture);
        Decoder decoder = Decoder.load(folder, new ReferenceKernels());
        ObjectNode hone = JSON.createObjectNode();
        hone.put("fixture", adapterFixture);
        putIds(hone, "prompt", prompt);
        putIds(hone, "hone_greedy", decoder.withAdapters(PeftAdapterFolder.load(adapterFolder, decoder)).generate(prompt, GREEDY_TOKENS));
        Files.writeString(base.resolve("hone.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(hone));
        System.out.println(base);
    }

    /** A fresh chat model folder {@code base/fixture} (the folder name becomes the GGUF's general.name). */
    public static Path chatFolder(Path base, String fixture) throws IOException {
        Path folder = base.resolve(fixture);
        if (Files.exists(folder)) {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) Files.delete(file);
            }
        }
        return ChatModelFolder.chatMl(folder, fixture);
    }

    /** Hone's greedy continuation of {@code prompt} on the folder's weights (the reference kernels: the scalar definition). */
    public static int[] honeGreedy(Path folder, int[] prompt) {
        return Decoder.load(folder, new ReferenceKernels()).generate(prompt, GREEDY_TOKENS);
    }

    public static JsonNode reference(String fixture) throws IOException {
        return JSON.readTree(ChatModelFolder.FIXTURES.resolve(fixture).resolve("reference.json").toFile());
    }

    public static int[] prompt(String fixture) throws IOException {
        return ids(reference(fixture).path("prompt"));
    }

    public static int[] ids(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = array.get(i).asInt();
        return ids;
    }

    private static void putIds(ObjectNode node, String field, int[] ids) {
        var array = node.putArray(field);
        for (int id : ids) array.add(id);
    }
}
