package dev.hone.engine.decoder;

import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A base model folder and a PEFT LoRA adapter folder for it, merged as PEFT's
 * {@code merge_and_unload} merges them: every adapted weight W (out × in) becomes
 * {@code W + (alpha/r)·B·A}, computed in f32 on the stored weight widened. The exports read the
 * merged weights tensor by tensor from here, under their Hugging Face names.
 */
public final class AdapterMerge {
    private final Path modelFolder;
    private final Path adapterFolder;
    private final DecoderAdapters adapters;
    /** Hugging Face weight name (model.layers.N.self_attn.q_proj.weight) → its layer and module. */
    private final Map<String, Target> targets = new HashMap<>();

    private record Target(int layer, DecoderModule module) {
    }

    private AdapterMerge(Path modelFolder, Path adapterFolder, DecoderAdapters adapters) {
        this.modelFolder = modelFolder;
        this.adapterFolder = adapterFolder;
        this.adapters = adapters;
        for (int layer = 0; layer < adapters.layers(); layer++) {
            for (DecoderModule module : adapters.settings().targets()) {
                targets.put("model.layers." + layer + "." + module.path() + ".weight", new Target(layer, module));
            }
        }
    }

    /**
     * Reads the adapter in {@code adapterFolder} for the model in {@code modelFolder}; only shapes are
     * taken from the model here (its weights are mapped, not read).
     *
     * @throws BadInputException naming the file when either folder is not what it should be or they do not fit
     */
    public static AdapterMerge load(Path modelFolder, Path adapterFolder) {
        Decoder base = Decoder.load(modelFolder, new ReferenceKernels());
        return new AdapterMerge(modelFolder, adapterFolder, PeftAdapterFolder.load(adapterFolder, base));
    }

    /**
     * The base model folder an adapter folder names in {@code base_model_name_or_path}: the path as
     * given when it is a folder (absolute, or from the working directory), else a folder of that name
     * beside the adapter folder (where Hone keeps a tuned candidate's base).
     *
     * @throws BadInputException when no such folder exists, saying how to name the base instead
     */
    public static Path baseOf(Path adapterFolder) {
        String named = PeftAdapterFolder.baseModel(adapterFolder);
        Path configFile = adapterFolder.resolve(PeftAdapterFolder.CONFIG_FILE);
        if (named.isBlank()) {
            throw new BadInputException(configFile + " names no base_model_name_or_path: give the base model folder and "
                    + "the adapter with --adapter");
        }
        Path given = Path.of(named);
        if (Files.isDirectory(given)) return given;
        Path parent = adapterFolder.toAbsolutePath().normalize().getParent();
        if (!given.isAbsolute() && parent != null && Files.isDirectory(parent.resolve(given))) return parent.resolve(given);
        throw new BadInputException(configFile + " names the base model " + named + ", which is not a folder here (nor beside "
                + adapterFolder + "); a hub name needs the model downloaded: give its folder and the adapter with --adapter");
    }

    public Path modelFolder() {
        return modelFolder;
    }

    public Path adapterFolder() {
        return adapterFolder;
    }

    /**
     * What merging adds to the weight stored as {@code weightName}: {@code (alpha/r)·B·A} (out × in,
     * row-major), or null when the adapter does not change that weight.
     */
    public float[] delta(String weightName) {
        Target target = targets.get(weightName);
        return target == null ? null : adapters.mergedDelta(target.layer(), target.module());
    }
}
