package dev.hone.cli;

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
            "An LLM candidate folder whose provider is type: local (or a run recommending one) exports the model folder",
            "its provider names; the candidate's prompt and demonstrations stay in llm.json. Progress goes to standard error."},
        footer = {"", "Examples:", "  ./hone export ~/models/Qwen2.5-0.5B-Instruct --format gguf --out qwen2.5-0.5b-f16.gguf",
            "  ./hone export ~/models/SmolLM2-135M-Instruct --format gguf --type q8_0 --out smollm2-q8_0.gguf",
            "  ./hone export runs/support/candidates/few-shot-qwen --format gguf --out qwen.gguf",
            "  llama-cli -m qwen2.5-0.5b-f16.gguf    (or in Ollama: a Modelfile with FROM ./qwen2.5-0.5b-f16.gguf)"})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_DIR|CANDIDATE_DIR", description = {"A Hugging Face model folder, or an LLM",
        "candidate (or run) folder whose provider is type: local."})
    Path model;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "The format to write: gguf.")
    String format;

    @Option(names = "--type", paramLabel = "TYPE", description = {"GGUF weight type: f32, f16 (default), bf16 (a bf16",
        "checkpoint's weights bit for bit) or q8_0 (8-bit blocks, about half of f16's size). Norms and biases stay f32."})
    String type = "f16";

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (replaced if it exists).")
    Path out;

    @Override
    public Integer call() {
        // One branch per format: an encoder's ONNX export would be another case here.
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "gguf" -> exportGguf();
            default -> throw new BadInputException("--format " + format + " is not supported: hone export writes gguf "
                    + "(decoder folders, for llama.cpp and Ollama)");
        };
    }

    private int exportGguf() {
        GgufTensorType tensorType;
        try {
            tensorType = GgufTensorType.ofOptionName(type);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--type " + type + " is not a GGUF type: use " + GgufTensorType.optionNames());
        }
        GgufSource source = GgufSource.of(model);
        DecoderGgufExport export = DecoderGgufExport.of(source.modelFolder(), tensorType);
        PrintWriter stderr = spec.commandLine().getErr();
        if (source.candidate() != null) {
            stderr.println("hone: candidate " + source.candidate().getFileName() + " asks the local model " + source.modelFolder()
                    + "; exporting that model (its prompt and demonstrations are not part of a GGUF file)");
        }
        for (String note : export.notes()) stderr.println("hone: note: " + note);
        ProgressBar bar = new ProgressBar(new PrintStream(new RunCommand.WriterOutputStream(stderr), true), "export",
                System.console() != null);
        long started = System.nanoTime();
        export.writeTo(out, (tensor, written, total) -> bar.show(written, total, () -> String.format(Locale.ROOT,
                "export %.0f/%.0f MB, %s", written / 1e6, total / 1e6, tensor)));
        stderr.flush();
        double seconds = (System.nanoTime() - started) / 1e9;
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(String.format(Locale.ROOT, "hone: wrote %s (GGUF %s, architecture %s, %.1f MB) in %.1f s",
                out, tensorType.optionName(), export.architecture(), sizeOf(out) / 1e6, seconds));
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
