package dev.hone.engine.decoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.weights.LoraAdapterConfig;
import dev.hone.engine.weights.NamedTensor;
import dev.hone.engine.weights.Safetensors;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A decoder's LoRA adapters as Hugging Face PEFT saves them, so they move between Hone and the
 * Python ecosystem: {@code adapter_config.json} ({@code peft_type: LORA}, {@code task_type:
 * CAUSAL_LM}, {@code r}, {@code lora_alpha}, {@code lora_dropout}, {@code target_modules},
 * {@code base_model_name_or_path}) and {@code adapter_model.safetensors} with one A (r × in) and one
 * B (out × r) per adapted module, named
 * {@code base_model.model.model.layers.N.self_attn.q_proj.lora_A.weight} (… {@code mlp.gate_proj} …).
 * PEFT features that change the math Hone applies (rsLoRA, DoRA, per-module ranks, bias training,
 * extra saved modules) are refused by name rather than silently ignored.
 */
public final class PeftAdapterFolder {
    public static final String CONFIG_FILE = "adapter_config.json";
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";
    private static final String PREFIX = "base_model.model.model.layers.";

    private PeftAdapterFolder() {
    }

    /** Writes both files into {@code directory} (created if needed); {@code baseModel} is what the config names as the base. */
    public static void save(DecoderAdapters adapters, Path directory, String baseModel) {
        LoraSettings settings = adapters.settings();
        Map<String, NamedTensor> tensors = new LinkedHashMap<>();
        for (int layer = 0; layer < adapters.layers(); layer++) {
            for (DecoderModule module : DecoderModule.values()) {
                var adapter = adapters.adapter(layer, module);
                if (adapter == null) continue;
                String a = tensorName(layer, module, "A");
                String b = tensorName(layer, module, "B");
                tensors.put(a, new NamedTensor(a, adapter.a().shape(), adapter.a().data().clone()));
                tensors.put(b, new NamedTensor(b, adapter.b().shape(), adapter.b().data().clone()));
            }
        }
        ObjectNode config = new LoraAdapterConfig(settings.rank(), settings.alpha(), settings.dropout(),
                settings.targets().stream().map(DecoderModule::peftName).toList()).toPeftJson(baseModel, "CAUSAL_LM");
        try {
            Files.createDirectories(directory);
            Json.PRETTY.writeValue(directory.resolve(CONFIG_FILE).toFile(), config);
        } catch (IOException e) {
            throw new HoneException("cannot write " + directory.resolve(CONFIG_FILE) + ": " + e.getMessage(), e);
        }
        Safetensors.write(directory.resolve(WEIGHTS_FILE), tensors, Map.of("format", "pt"));
    }

    /** The {@code base_model_name_or_path} a saved adapter names, or empty when it names none. */
    public static String baseModel(Path directory) {
        return readConfig(directory).path("base_model_name_or_path").asText("");
    }

    /**
     * The adapters saved in {@code directory} (by Hone or by PEFT), for {@code base}.
     *
     * @throws BadInputException naming the file and what is missing, unsupported or of the wrong shape
     */
    public static DecoderAdapters load(Path directory, Decoder base) {
        JsonNode config = readConfig(directory);
        Path configFile = directory.resolve(CONFIG_FILE);
        if (!"LORA".equals(config.path("peft_type").asText())) {
            throw new BadInputException(configFile + ": peft_type is \"" + config.path("peft_type").asText()
                    + "\"; Hone loads LORA adapters only");
        }
        refuseUnsupported(config, configFile);
        LoraSettings settings = settings(config, configFile);
        Path weightsFile = directory.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weightsFile)) {
            throw new BadInputException(weightsFile + " not found: an adapter folder holds " + CONFIG_FILE + " and " + WEIGHTS_FILE
                    + " (PEFT's save_pretrained with safe_serialization, its default; adapter_model.bin is not read)");
        }
        Map<String, NamedTensor> tensors = new LinkedHashMap<>(Safetensors.read(weightsFile));
        int layers = base.config().numberOfLayers();
        float[][][] a = new float[layers][DecoderModule.values().length][];
        float[][][] b = new float[layers][DecoderModule.values().length][];
        for (int layer = 0; layer < layers; layer++) {
            for (DecoderModule module : settings.targets()) {
                Projection projection = base.layers().get(layer).projection(module);
                int rank = settings.rank();
                a[layer][module.ordinal()] = take(tensors, weightsFile, tensorName(layer, module, "A"), rank, projection.weight().columns());
                b[layer][module.ordinal()] = take(tensors, weightsFile, tensorName(layer, module, "B"), projection.weight().rows(), rank);
            }
        }
        if (!tensors.isEmpty()) {
            throw new BadInputException(weightsFile + " has tensors Hone does not apply, e.g. " + tensors.keySet().iterator().next()
                    + " (" + tensors.size() + " in all); Hone loads lora_A and lora_B of " + DecoderModule.supported()
                    + " in each of the model's " + layers + " layers, for the target_modules of " + CONFIG_FILE);
        }
        return DecoderAdapters.of(base, settings, a, b);
    }

    static String tensorName(int layer, DecoderModule module, String matrix) {
        return PREFIX + layer + "." + module.path() + ".lora_" + matrix + ".weight";
    }

    /** The named tensor's values, removed from {@code tensors}, checked to be (rows × columns). */
    private static float[] take(Map<String, NamedTensor> tensors, Path file, String name, int rows, int columns) {
        NamedTensor tensor = tensors.remove(name);
        if (tensor == null) {
            throw new BadInputException(file + " has no tensor " + name + ", which the target_modules of " + CONFIG_FILE
                    + " call for; was the adapter trained for a model with this many layers?");
        }
        if (!Arrays.equals(tensor.shape(), new int[] {rows, columns})) {
            throw new BadInputException(file + ": " + name + " is " + Arrays.toString(tensor.shape()) + " but this base model and r = "
                    + (name.contains("lora_A") ? rows : columns) + " need [" + rows + ", " + columns
                    + "]; the adapter belongs to another base model or its adapter_config.json has another rank");
        }
        return tensor.values();
    }

    private static LoraSettings settings(JsonNode config, Path file) {
        JsonNode targets = config.path("target_modules");
        Set<DecoderModule> modules = EnumSet.noneOf(DecoderModule.class);
        if (targets.isTextual() && targets.asText().equals("all-linear")) {
            modules = EnumSet.allOf(DecoderModule.class);
        } else if (targets.isArray() && !targets.isEmpty()) {
            for (JsonNode target : targets) modules.add(DecoderModule.ofName(target.asText()));
        } else {
            throw new BadInputException(file + ": target_modules must be a list of module names (such as [\"q_proj\", \"v_proj\"]) "
                    + "or \"all-linear\", got " + targets);
        }
        int rank = config.path("r").asInt(0);
        if (rank < 1) throw new BadInputException(file + ": r must be an integer >= 1, got " + config.path("r"));
        double alpha = config.path("lora_alpha").asDouble(Double.NaN);
        if (!(alpha > 0)) throw new BadInputException(file + ": lora_alpha must be > 0, got " + config.path("lora_alpha"));
        double dropout = config.path("lora_dropout").asDouble(0);
        if (!(dropout >= 0 && dropout < 1)) throw new BadInputException(file + ": lora_dropout must be within [0, 1), got " + dropout);
        return new LoraSettings(rank, (float) alpha, (float) dropout, modules, 0);
    }

    /** PEFT options whose math Hone does not apply: refused, so a loaded adapter never computes something else quietly. */
    private static void refuseUnsupported(JsonNode config, Path file) {
        if (config.path("use_rslora").asBoolean(false)) refuse(file, "use_rslora (scale alpha/sqrt(r))");
        if (config.path("use_dora").asBoolean(false)) refuse(file, "use_dora (DoRA)");
        if (config.path("fan_in_fan_out").asBoolean(false)) refuse(file, "fan_in_fan_out (transposed GPT-2-style weights)");
        if (!config.path("bias").asText("none").equals("none")) refuse(file, "bias \"" + config.path("bias").asText() + "\"");
        for (String field : new String[] {"rank_pattern", "alpha_pattern"}) {
            if (config.path(field).isObject() && !config.path(field).isEmpty()) refuse(file, field + " (per-module ranks or alphas)");
        }
        for (String field : new String[] {"modules_to_save", "layers_to_transform"}) {
            if (!config.path(field).isMissingNode() && !config.path(field).isNull()) refuse(file, field);
        }
    }

    private static void refuse(Path file, String option) {
        throw new BadInputException(file + " sets " + option + ", which Hone does not apply; save the adapter without it");
    }

    private static JsonNode readConfig(Path directory) {
        Path file = directory.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + " not found: an adapter folder holds " + CONFIG_FILE + " and " + WEIGHTS_FILE
                    + ", as PEFT's save_pretrained writes them");
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + " is not valid JSON: " + e.getMessage());
        }
    }
}
