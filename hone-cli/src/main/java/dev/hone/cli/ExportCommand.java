package dev.hone.cli;

import dev.hone.Hone;
import dev.hone.engine.decoder.AdapterMerge;
import dev.hone.engine.decoder.MergedModelFolder;
import dev.hone.engine.decoder.PeftAdapterFolder;
import dev.hone.engine.gguf.DecoderGgufExport;
import dev.hone.engine.gguf.GgufTensorType;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.model.TextEncoder;
import dev.hone.engine.onnx.EncoderOnnxExport;
import dev.hone.error.BadInputException;
import dev.hone.local.TunedFolder;
import dev.hone.results.CandidateCard;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateLoader;
import dev.hone.strategy.StrategyKinds;
import dev.hone.strategy.Trait;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
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
            "its provider names; the candidate's prompt and demonstrations stay in llm.json.",
            "--merge: a tuned model (a PEFT LoRA adapter folder whose adapter_config.json names its base folder, an",
            "llm-finetune candidate folder, or a base folder with --adapter DIR) written as one model with every adapted weight W replaced by",
            "W + (lora_alpha/r)·B·A: as GGUF (--format gguf --merge) or as a Hugging Face folder (--format hf --merge:",
            "config.json, tokenizer files and model.safetensors in the base's stored type).",
            "--format onnx: the sentence encoder of a candidate (or of a run's recommended candidate) as a folder that ONNX",
            "Runtime pipelines use. It holds model.onnx, built from Hone's weights with any LoRA adapter merged (W +",
            "(alpha/r)·B·A), whose outputs are last_hidden_state and sentence_embedding (pooled and L2-normalised exactly as",
            "Hone embeds), with tokenizer.json, config.json and the sentence-transformers pooling files beside it.",
            "BERT-family, RoBERTa, XLM-RoBERTa and MPNet encoders are supported; a candidate that answers with an LLM has",
            "no encoder to export. LangChain4j's OnnxEmbeddingModel(DIR/model.onnx, DIR/tokenizer.json, PoolingMode.MEAN",
            "or CLS, as 1_Pooling/config.json says) embeds with it, and Hone loads the folder back as model: DIR.",
            "Progress goes to standard error."},
        footer = {"", "Examples:", "  ./hone export ~/models/Qwen2.5-0.5B-Instruct --format gguf --out qwen2.5-0.5b-f16.gguf",
            "  ./hone export ~/models/SmolLM2-135M-Instruct --format gguf --type q8_0 --out smollm2-q8_0.gguf",
            "  ./hone export tuned/ft-1 --format gguf --merge --out tuned.gguf        (ft-1/adapter_config.json names the base)",
            "  ./hone export ~/models/SmolLM2-135M-Instruct --adapter my-lora --format hf --merge --out smollm2-tuned",
            "  ./hone export runs/support/candidates/few-shot-qwen --format gguf --out qwen.gguf",
            "  ./hone export runs/support/candidates/tuned-qwen --format gguf --merge --out tuned-qwen.gguf",
            "  llama-cli -m qwen2.5-0.5b-f16.gguf    (or in Ollama: a Modelfile with FROM ./qwen2.5-0.5b-f16.gguf)",
            "  ./hone export runs/support/candidates/lora-r8 --format onnx --out lora-r8-onnx",
            "  ./hone export runs/support --format onnx --out support-encoder    (the run's recommended candidate)"})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_DIR|CANDIDATE_DIR", description = {"A Hugging Face model folder, an LLM",
        "candidate (or run) folder whose provider is type: local, or with --merge a tuned model: a PEFT adapter folder",
        "whose adapter_config.json names its base model folder, or an llm-finetune candidate folder.",
        "With --format onnx: a candidate folder with a sentence encoder, or a run folder (its recommended candidate)."})
    Path model;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "The format to write: gguf, hf (with --merge) or onnx.")
    String format;

    @Option(names = "--merge", description = "Merge a LoRA adapter into the base weights (MODEL_DIR is an adapter folder, or see --adapter).")
    boolean merge;

    @Option(names = "--adapter", paramLabel = "DIR", description = {"The PEFT LoRA adapter folder to merge into MODEL_DIR",
        "(adapter_config.json, adapter_model.safetensors); needs --merge."})
    Path adapter;

    @Option(names = "--type", paramLabel = "TYPE", description = {"GGUF weight type: f32, f16 (default), bf16 (a bf16",
        "checkpoint's weights bit for bit) or q8_0 (8-bit blocks, about half of f16's size). Norms and biases stay f32."})
    String type;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = {"The GGUF file to write (replaced if it exists),",
        "or for --format hf and onnx the folder to create (new or empty)."})
    Path out;

    @Override
    public Integer call() {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "gguf" -> exportGguf();
            case "hf" -> exportMergedFolder();
            case "onnx" -> exportOnnx();
            default -> throw new BadInputException("--format " + format + " is not supported: hone export writes gguf "
                    + "(decoder folders, for llama.cpp and Ollama), hf (a tuned model merged, with --merge) and onnx (a "
                    + "candidate's sentence encoder, for ONNX Runtime)");
        };
    }

    /**
     * What to write: with {@code --adapter}, MODEL_DIR and that adapter merged; a tuned model (an
     * adapter folder, an llm-finetune candidate, or a run recommending one) merged into its base;
     * else the model folder itself, or the one an LLM candidate's local provider names.
     */
    private Source source() {
        if (adapter != null) {
            if (!merge) throw notMerged(adapter);
            return new Source(model, null, AdapterMerge.load(model, adapter));
        }
        Path candidate = GgufSource.isRunOrCandidate(model) ? Hone.candidateDirectory(model) : model;
        Optional<TunedFolder> tuned = Files.isDirectory(candidate) ? TunedFolder.of(candidate) : Optional.empty();
        if (tuned.isPresent()) {
            if (!merge) throw notMerged(candidate);
            return new Source(tuned.get().base(), candidate == model ? null : candidate,
                    AdapterMerge.load(tuned.get().base(), tuned.get().adapters()));
        }
        if (merge) {
            throw new BadInputException("--merge needs an adapter: " + model + " has no " + PeftAdapterFolder.CONFIG_FILE
                    + " and is no llm-finetune candidate; give a tuned candidate (adapter) folder, or the base folder with --adapter DIR");
        }
        GgufSource plain = GgufSource.of(model);
        return new Source(plain.modelFolder(), plain.candidate(), null);
    }

    private static BadInputException notMerged(Path tuned) {
        return new BadInputException(tuned + " is a LoRA adapter: add --merge to write the model with the adapter merged into its "
                + "weights");
    }

    /**
     * @param modelFolder the Hugging Face decoder folder written (the base, when merging)
     * @param candidate   the candidate folder it came from, or null when given a model or adapter folder
     * @param merged      the base and adapters to merge, or null
     */
    private record Source(Path modelFolder, Path candidate, AdapterMerge merged) {
    }

    private int exportMergedFolder() {
        if (!merge) {
            throw new BadInputException("--format hf writes a tuned model merged: add --merge (a model folder is already in "
                    + "Hugging Face's format)");
        }
        AdapterMerge merged = source().merged();
        long started = System.nanoTime();
        MergedModelFolder.write(merged, out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(String.format(Locale.ROOT, "hone: wrote %s (Hugging Face folder: %s merged into %s, %.1f MB) in %.1f s", out,
                merged.adapterFolder(), merged.modelFolder(), sizeOf(out.resolve("model.safetensors")) / 1e6,
                (System.nanoTime() - started) / 1e9));
        stdout.flush();
        return 0;
    }

    /**
     * The sentence encoder of a candidate (or of a run's recommended one) as an ONNX folder: the
     * pretrained encoder for prompt-only routes, the tuned one (LoRA merged) for trained routes.
     */
    private int exportOnnx() {
        if (adapter != null || type != null) {
            throw new BadInputException((adapter != null ? "--adapter" : "--type") + " applies to --format gguf and hf; "
                    + "--format onnx writes a candidate's encoder in f32 with any LoRA adapter already merged");
        }
        if (!Files.isDirectory(model)) {
            throw new BadInputException(model + " is not a folder: give a candidate folder (OUT/candidates/NAME) or a run folder");
        }
        Path candidate = Hone.candidateDirectory(model);
        String kind = CandidateCard.read(candidate).kind();
        boolean asksAnLlm = kind != null && StrategyKinds.find(kind).map(k -> k.has(Trait.ASKS_AN_LLM)).orElse(false);
        Function<String, BadInputException> refusal = answers -> new BadInputException(candidate + " is "
                + (kind == null ? "a candidate of unknown kind" : "a " + kind + " candidate") + ", which answers " + answers
                + ": --format onnx exports a candidate's sentence encoder (zero-shot, few-shot, linear-probe, lora, "
                + "full-finetune, contrastive, and the hybrids built on them)" + (asksAnLlm ? "; a local LLM exports with --format gguf" : ""));
        if (asksAnLlm) throw refusal.apply("with an LLM, not a sentence encoder");
        Candidate loaded = CandidateLoader.load(candidate, Encoders::load);
        TextEncoder encoder = loaded.encoder().orElseThrow(() -> refusal.apply("without a sentence encoder"));
        long started = System.nanoTime();
        EncoderOnnxExport.Written written = EncoderOnnxExport.of(encoder).writeTo(out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(String.format(Locale.ROOT, "hone: wrote %s (ONNX opset 17 %s encoder of candidate %s, %d layers, %.1f MB; "
                + "inputs input_ids, attention_mask%s; outputs last_hidden_state and sentence_embedding, %s pooling, "
                + "L2-normalised) in %.1f s", out, written.modelType(), candidate.getFileName(), written.layers(),
                written.modelBytes() / 1e6, written.tokenTypeIds() ? ", token_type_ids" : "",
                written.pooling().name().toLowerCase(Locale.ROOT).replace('_', '-'), (System.nanoTime() - started) / 1e9));
        stdout.flush();
        return 0;
    }

    private int exportGguf() {
        GgufTensorType tensorType;
        try {
            tensorType = GgufTensorType.ofOptionName(type == null ? "f16" : type);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--type " + type + " is not a GGUF type: use " + GgufTensorType.optionNames());
        }
        Source source = source();
        AdapterMerge merged = source.merged();
        DecoderGgufExport export = merged == null ? DecoderGgufExport.of(source.modelFolder(), tensorType)
                : DecoderGgufExport.merged(merged, tensorType);
        PrintWriter stderr = spec.commandLine().getErr();
        if (source.candidate() != null) {
            stderr.println("hone: candidate " + source.candidate().getFileName() + (merged == null ? " asks" : " was tuned from")
                    + " the local model " + source.modelFolder() + "; exporting that model" + (merged == null ? "" : " with its adapters merged")
                    + " (its prompt and demonstrations are not part of a GGUF file)");
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
