package dev.hone.cli;

import dev.hone.engine.model.Encoders;
import dev.hone.error.BadInputException;
import dev.hone.local.FinishReason;
import dev.hone.local.GenerationSettings;
import dev.hone.local.LocalCompletion;
import dev.hone.local.LocalModel;
import dev.hone.provider.ChatMessage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Answer a prompt with a generative model from a Hugging Face folder, in this process.",
            "The folder needs config.json, the safetensors weights, tokenizer.json and tokenizer_config.json (with its",
            "chat_template); generation_config.json's eos_token_id ends the answer. Prints the answer; the token counts",
            "and speed go to standard error."},
        footer = {"", "Examples:", "  ./hone generate ~/models/Qwen2.5-0.5B-Instruct \"Name three colours.\"",
            "  ./hone generate ~/models/SmolLM2-135M-Instruct --system \"Answer in French.\" --temperature 0.7 --seed 3 \"Hello\""})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "A Hugging Face model folder.")
    Path model;

    @Parameters(index = "1", paramLabel = "PROMPT", description = "The user's message.")
    String prompt;

    @Option(names = "--system", paramLabel = "TEXT", description = "A system message before the prompt.")
    String system;

    @Option(names = "--max-new-tokens", paramLabel = "N", description = "Most tokens to generate (default: ${DEFAULT-VALUE}).")
    int maxNewTokens = 256;

    @Option(names = "--temperature", paramLabel = "T", description = "0 (default) is greedy; above 0 samples, e.g. 0.7.")
    double temperature = 0;

    @Option(names = "--seed", paramLabel = "N", description = "Seeds sampling, so a run repeats (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Override
    public Integer call() {
        if (prompt.isBlank()) throw new BadInputException("empty PROMPT: give the message to answer");
        if (maxNewTokens < 1) throw new BadInputException("--max-new-tokens must be ≥ 1, got " + maxNewTokens);
        if (!(temperature >= 0 && temperature <= 2)) throw new BadInputException("--temperature must be within [0, 2] (0 is greedy), got " + temperature);
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) messages.add(ChatMessage.system(system));
        messages.add(ChatMessage.user(prompt));
        // Compute threads follow -Dhone.threads like every other command.
        LocalModel local = LocalModel.load(model, Encoders.defaultKernels());
        long start = System.nanoTime();
        LocalCompletion completion = local.complete(messages, new GenerationSettings(maxNewTokens, temperature, 1, 0, seed, List.of()), null);
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        out.println(completion.text());
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println(String.format(Locale.ROOT, "%d prompt tokens, %d generated in %.2f s (%.1f tokens/s, prefill included)%s",
                completion.promptTokenIds().length, completion.tokenIds().length, seconds, completion.tokenIds().length / seconds,
                completion.finishReason() == FinishReason.STOP ? "" : "; stopped at --max-new-tokens"));
        err.flush();
        return 0;
    }
}
