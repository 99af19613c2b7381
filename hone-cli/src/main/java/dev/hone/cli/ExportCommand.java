package dev.hone.cli;

import dev.hone.engine.decoder.AdapterMerge;
import dev.hone.engine.decoder.MergedModelFolder;
import dev.hone.engine.decoder.PeftAdapterFolder;
import dev.hone.engine.gguf.DecoderGgufExport;
import dev.hone.engine.gguf.GgufTensorType;
import dev.hone.error.BadInputException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a model in another runtime's format.",
            "--format gguf: a Hugging Face decoder folder (LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM with",
            "config.json, safetensors weights, a byte-level BPE tokenizer.json and tokenizer_config.json) as one GGUF file",
            "that llama.cpp and Ollama run: the architecture, the tokenizer and its chat template travel inside it.",
            "--merge: a tuned model (a PEFT LoRA adapter folder whose adapter_config.json names its base folder, or a",
            "base folder with --adapter DIR) written as one model with every adapted weight W replaced by",
            "W + (lora_alpha/r)·B·A: as GGUF (--format gguf --merge) or as a Hugging Face folder (--format hf --merge:",
            "config.json, tokenizer files and model.safetensors in the base's stored type).",
            "Progress goes to standard error."},
        footer = {"", "Examples:", "  ./hone export ~/models/Qwen2.5-0.5B-Instruct --format gguf --out qwen2.5-0.5b-f16.gguf",
            "  ./hone export ~/models/SmolLM2-135M-Instruct --format gguf --type q8_0 --out smollm2-q8_0.gguf",
            "  ./hone export tuned/ft-1 --format gguf --merge --out tuned.gguf        (ft-1/adapter_config.json names the base)",
            "  ./hone export ~/models/SmolLM2-135M-Instruct --adapter my-lora --format hf --merge --out smollm2-tuned",
            "  llama-cli -m qwen2.5-0.5b-f16.gguf    (or in Ollama: a Modelfile with FROM ./qwen2.5-0.5b-f16.gguf)"})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = {"A Hugging Face model folder, or with --merge a PEFT",
        "adapter folder whose adapter_config.json names its base model folder."})
    Path model;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "The format to write: gguf, or hf (with --merge).")
    String format;

    @Option(names = "--merge", description = "Merge a LoRA adapter into the base weights (MODEL_DIR is an adapter folder, or see --adapter).")
    boolean merge;

    @Option(names = "--adapter", paramLabel = "DIR", description = {"The PEFT LoRA adapter folder to merge into MODEL_DIR",
        "(adapter_config.json, adapter_model.safetensors); needs --merge."})
    Path adapter;

    @Option(names = "--type", paramLabel = "TYPE", description = {"GGUF weight type: f32, f16 (default) or q8_0 (8-bit blocks,",
        "about half of f16's size). Norms and biases stay f32."})
    String type = "f16";

    @Option(names = "--out", required = true, paramLabel = "PATH", description = {"The GGUF file to write (replaced if it exists),",
        "or for --format hf the folder to create (new or empty)."})
    Path out;

    @Override
    public Integer call() {
        // One branch per format: an encoder's ONNX export would be another case here.
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "gguf" -> exportGguf();
            case "hf" -> exportMergedFolder();
            default -> throw new BadInputException("--format " + format + " is not supported: hone export writes gguf "
                    + "(decoder folders, for llama.cpp and Ollama) and hf (a tuned model merged, with --merge)");
        };
    }

    /** The base and adapter to merge, or null when the export is of a plain model folder. */
    private AdapterMerge adapterMerge() {
        boolean adapterFolder = Files.isRegularFile(model.resolve(PeftAdapterFolder.CONFIG_FILE))
                && !Files.isRegularFile(model.resolve("config.json"));
        if (adapter != null && adapterFolder) {
            throw new BadInputException(model + " is itself an adapter folder: give its base model folder with --adapter " + adapter
                    + ", or the adapter folder alone");
        }
        if (!merge) {
            if (adapter != null || adapterFolder) {
                throw new BadInputException((adapter != null ? adapter : model) + " is a LoRA adapter: add --merge to write the "
                        + "model with the adapter merged into its weights");
            }
            return null;
        }
        if (adapter != null) return AdapterMerge.load(model, adapter);
        if (!adapterFolder) {
            throw new BadInputException("--merge needs an adapter: " + model + " has no " + PeftAdapterFolder.CONFIG_FILE
                    + "; give a tuned candidate (adapter) folder, or the base folder with --adapter DIR");
        }
        return AdapterMerge.load(AdapterMerge.baseOf(model), model);
    }

    private int exportMergedFolder() {
        if (!merge) {
            throw new BadInputException("--format hf writes a tuned model merged: add --merge (a model folder is already in "
                    + "Hugging Face's format)");
        }
        AdapterMerge merged = adapterMerge();
        long started = System.nanoTime();
        MergedModelFolder.write(merged, out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(String.format(Locale.ROOT, "hone: wrote %s (Hugging Face folder: %s merged into %s, %.1f MB) in %.1f s", out,
                merged.adapterFolder(), merged.modelFolder(), sizeOf(out.resolve("model.safetensors")) / 1e6,
                (System.nanoTime() - started) / 1e9));
        stdout.flush();
        return 0;
    }

    private int exportGguf() {
        GgufTensorType tensorType;
        try {
            tensorType = GgufTensorType.ofOptionName(type);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--type " + type + " is not a GGUF type: use f32, f16 or q8_0");
        }
        if (!Files.isDirectory(model)) {
            throw new BadInputException(model + " is not a folder: give the Hugging Face model folder (config.json, "
                    + "safetensors weights, tokenizer.json, tokenizer_config.json)");
        }
        AdapterMerge merged = adapterMerge();
        DecoderGgufExport export = merged == null ? DecoderGgufExport.of(model, tensorType) : DecoderGgufExport.merged(merged, tensorType);
        PrintWriter stderr = spec.commandLine().getErr();
        for (String note : export.notes()) stderr.println("hone: note: " + note);
        ProgressBar bar = new ProgressBar(new PrintStream(new RunCommand.WriterOutputStream(stderr), true), "export",
                System.console() != null);
        long started = System.nanoTime();
        export.writeTo(out, (tensor, written, total) -> bar.show(written, total, () -> String.format(Locale.ROOT,
                "export %.0f/%.0f MB, %s", written / 1e6, total / 1e6, tensor)));
        stderr.flush();
        double seconds = (System.nanoTime() - started) / 1e9;
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(String.format(Locale.ROOT, "hone: wrote %s (GGUF %s, architecture %s%s, %.1f MB) in %.1f s",
                out, tensorType.optionName(), export.architecture(), merged == null ? "" : ", " + merged.adapterFolder() + " merged",
                sizeOf(out) / 1e6, seconds));
        stdout.flush();
        return 0;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;   // the file is written; an unreadable size is not worth failing the export over
        }
    }
}
