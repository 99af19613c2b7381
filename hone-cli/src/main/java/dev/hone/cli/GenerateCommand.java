package dev.hone.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.engine.model.Encoders;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
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
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Answer a prompt with a Hugging Face model, in this process.",
            "The model is a generative one, read from its Hugging Face folder.",
            "The folder needs config.json, the safetensors weights, tokenizer.json and tokenizer_config.json (with its chat_template);"
                + " generation_config.json's eos_token_id ends the answer.",
            "The answer is printed as it is generated; the token counts and speed go to standard error."},
        footer = {"", "Examples:", "  ./hone generate ~/models/Qwen2.5-0.5B-Instruct \"Name three colours.\"",
            "  ./hone generate ~/models/SmolLM2-135M-Instruct --system \"Answer in French.\" --temperature 0.7 --seed 3 \"Hello\"",
            "  ./hone generate ~/models/Qwen2.5-0.5B-Instruct --raw --stop \"\\n\" --json \"The capital of France is\""})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "A Hugging Face model folder, a PEFT adapter folder on one,"
            + " or a saved llm-finetune candidate (base + adapters).")
    Path model;

    @Parameters(index = "1", paramLabel = "PROMPT", description = "The user's message (with --raw: the text to continue).")
    String prompt;

    @Option(names = "--system", paramLabel = "TEXT", description = "A system message before the prompt (not with --raw).")
    String system;

    @Option(names = "--raw", description = "Continue PROMPT as it is: no chat template, no special tokens added.")
    boolean raw;

    @Option(names = {"--max-tokens", "--max-new-tokens"}, paramLabel = "N",
            description = "Most tokens to generate (default: ${DEFAULT-VALUE}); fewer if the model's length runs out.")
    int maxTokens = 256;

    @Option(names = "--temperature", paramLabel = "T", description = "0 (default) is greedy; above 0 samples, e.g. 0.7 (at most 2).")
    double temperature = 0;

    @Option(names = "--top-p", paramLabel = "P",
            description = "When sampling, draw only from the most likely tokens whose probabilities add up to P, in (0, 1] (default: 1, off).")
    double topP = 1;

    @Option(names = "--top-k", paramLabel = "K", description = "When sampling, draw only from the K most likely tokens (default: 0, off).")
    int topK = 0;

    @Option(names = "--seed", paramLabel = "S", description = "Seeds sampling, so a run repeats (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--stop", paramLabel = "S",
            description = "Ends the answer where this text appears (it is cut before it); repeat for several. Escapes \\n and \\t are read.")
    List<String> stop = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object {text, prompt_token_ids, token_ids, logprobs, finish_reason} at the end"
            + " instead of streaming the text; logprobs are the generated tokens' natural-log probabilities at temperature 1.")
    boolean json;

    @Override
    public Integer call() {
        GenerationSettings settings = settings();
        if (raw && system != null) {
            throw new BadInputException("--system and --raw cannot be combined: --raw sends PROMPT as it is, without the chat template"
                    + " that places a system message; write the system text into PROMPT instead");
        }
        // Compute threads follow -Dhone.threads like every other command.
        LocalModel local = LocalModel.load(model, Encoders.defaultKernels());
        PrintWriter out = spec.commandLine().getOut();
        Consumer<String> onText = json ? null : piece -> {
            out.print(piece);
            out.flush();
        };
        long start = System.nanoTime();
        LocalCompletion completion = raw ? local.completeRaw(prompt, settings, onText) : local.complete(messages(), settings, onText);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) out.println(json(completion));
        else out.println();
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println(String.format(Locale.ROOT, "%d prompt tokens, %d generated in %.2f s (%.1f tokens/s, prefill included)%s",
                completion.promptTokenIds().length, completion.tokenIds().length, seconds, completion.tokenIds().length / seconds,
                completion.finishReason() == FinishReason.STOP ? ""
                        : completion.tokenIds().length == maxTokens ? "; stopped at --max-tokens" : "; stopped at the model's length"));
        err.flush();
        return 0;
    }

    /** The flags as settings, each refused with its own name when out of range. */
    private GenerationSettings settings() {
        if (prompt.isBlank()) throw new BadInputException("empty PROMPT: give the message to answer");
        if (maxTokens < 1) throw new BadInputException("--max-tokens must be ≥ 1, got " + maxTokens);
        if (!(temperature >= 0 && temperature <= 2)) throw new BadInputException("--temperature must be within [0, 2] (0 is greedy), got " + temperature);
        if (!(topP > 0 && topP <= 1)) throw new BadInputException("--top-p must be within (0, 1] (1 is off), got " + topP);
        if (topK < 0) throw new BadInputException("--top-k must be ≥ 0 (0 is off), got " + topK);
        List<String> stops = new ArrayList<>();
        for (String s : stop) {
            String text = s.replace("\\n", "\n").replace("\\t", "\t");
            if (text.isEmpty()) throw new BadInputException("--stop must not be empty: give the text that ends the answer");
            stops.add(text);
        }
        return new GenerationSettings(maxTokens, temperature, topP, topK, seed, stops);
    }

    private List<ChatMessage> messages() {
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) messages.add(ChatMessage.system(system));
        messages.add(ChatMessage.user(prompt));
        return messages;
    }

    private static String json(LocalCompletion completion) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("text", completion.text());
        ArrayNode promptIds = root.putArray("prompt_token_ids");
        for (int id : completion.promptTokenIds()) promptIds.add(id);
        ArrayNode tokenIds = root.putArray("token_ids");
        for (int id : completion.tokenIds()) tokenIds.add(id);
        ArrayNode logprobs = root.putArray("logprobs");
        for (float logprob : completion.logprobs()) logprobs.add(logprob);
        root.put("finish_reason", completion.finishReason().name().toLowerCase(Locale.ROOT));
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }
}
