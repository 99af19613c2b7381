package dev.hone.local;

import dev.hone.engine.decoder.Decoder;
import dev.hone.engine.decoder.DecoderSession;
import dev.hone.engine.decoder.LogSoftmax;
import dev.hone.engine.decoder.PeftAdapterFolder;
import dev.hone.engine.decoder.TokenSampler;
import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.tokenizer.DecoderTokenizer;
import dev.hone.error.BadInputException;
import dev.hone.provider.ChatMessage;
import dev.hone.provider.ContinuationScores;
import dev.hone.provider.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A chat model from a Hugging Face folder: its decoder, its tokenizer, its chat template and the
 * ids that end an answer. Safe to use from many threads: each answer runs in its own session.
 */
public final class LocalModel {
    private final Path folder;
    private final Decoder decoder;
    private final DecoderTokenizer tokenizer;
    private final ChatTemplate template;
    private final int[] stopTokenIds;

    LocalModel(Path folder, Decoder decoder, DecoderTokenizer tokenizer, ChatTemplate template, int[] stopTokenIds) {
        this.folder = folder;
        this.decoder = decoder;
        this.tokenizer = tokenizer;
        this.template = template;
        this.stopTokenIds = stopTokenIds.clone();
    }

    /**
     * Loads {@code config.json} and the safetensors weights, {@code tokenizer.json},
     * {@code tokenizer_config.json} and (if present) {@code generation_config.json}; or, for a
     * fine-tuned model's folder ({@link TunedFolder}: PEFT adapters, or a saved llm-finetune
     * candidate), its base model with the adapters applied.
     *
     * @throws BadInputException naming the file that is missing or wrong
     */
    public static LocalModel load(Path folder, Kernels kernels) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + " is not a folder: give a Hugging Face model folder (config.json, the safetensors"
                    + " weights, tokenizer.json, tokenizer_config.json)");
        }
        var tuned = TunedFolder.of(folder);
        if (tuned.isPresent()) return load(tuned.get().base(), kernels).withAdapters(tuned.get().adapters());
        ChatModelFiles files = ChatModelFiles.read(folder);
        ChatTemplate template = new ChatTemplate(files.chatTemplate(), folder.resolve("tokenizer_config.json").toString(),
                files.bosToken(), files.eosToken());
        Decoder decoder = Decoder.load(folder, kernels);
        DecoderTokenizer tokenizer = DecoderTokenizer.load(folder);
        return new LocalModel(folder, decoder, tokenizer, template, stopIds(files, tokenizer, folder));
    }

    /**
     * This model with the PEFT adapters saved in {@code adapterFolder} applied unmerged: the base
     * weights, tokenizer and template are shared with this model, only the adapters are new.
     * Its {@link #folder()} is the adapter folder.
     *
     * @throws BadInputException when the adapters are unreadable or do not fit this model
     */
    public LocalModel withAdapters(Path adapterFolder) {
        return new LocalModel(adapterFolder, decoder.withAdapters(PeftAdapterFolder.load(adapterFolder, decoder)), tokenizer, template,
                stopTokenIds);
    }

    /**
     * Answers and scores a short greeting a few times, through the same paths as real requests
     * (template, tokenizer, prefill, scoring and decoding), so that the JIT has compiled them before
     * the first measured answer: otherwise a run's first requests take many times longer than the
     * rest and their latencies charge whichever candidate asks first. Stops after three rounds or
     * one second, so a large model pays about one round.
     */
    void warmUp() {
        List<ChatMessage> greeting = List.of(ChatMessage.user("Hello, is this thing on?"));
        long deadline = System.nanoTime() + 1_000_000_000L;
        for (int round = 0; round < 3 && System.nanoTime() < deadline; round++) {
            scoreContinuations(greeting, List.of("yes", "no"));
            complete(greeting, GenerationSettings.greedy(8), null);
        }
    }

    /** generation_config.json's eos_token_id, else the id of tokenizer_config.json's eos_token. */
    private static int[] stopIds(ChatModelFiles files, DecoderTokenizer tokenizer, Path folder) {
        if (!files.stopTokenIds().isEmpty()) return files.stopTokenIds().stream().mapToInt(Integer::intValue).toArray();
        int eos = files.eosToken().isEmpty() ? -1 : tokenizer.tokenId(files.eosToken());
        if (eos < 0) {
            throw new BadInputException(folder + ": no end-of-answer token: generation_config.json has no eos_token_id and"
                    + " tokenizer_config.json's eos_token '" + files.eosToken() + "' is not one token of tokenizer.json");
        }
        return new int[] {eos};
    }

    public Path folder() {
        return folder;
    }

    public Decoder decoder() {
        return decoder;
    }

    public DecoderTokenizer tokenizer() {
        return tokenizer;
    }

    public ChatTemplate template() {
        return template;
    }

    /** The ids that end an answer (the one that stops generation is kept in the answer's ids, not its text). */
    public int[] stopTokenIds() {
        return stopTokenIds.clone();
    }

    /** The prompt's ids: the messages through the chat template, ending where the assistant's answer starts. */
    public int[] promptTokens(List<ChatMessage> messages) {
        return tokenizer.encode(template.render(messages, true));
    }

    /**
     * Answers the conversation, the chat template applied: prefill the prompt, then one token at a
     * time until a stop id, a stop string, {@code maxNewTokens} or the model's length.
     *
     * @param onText receives the answer's text as it grows, piece by piece, only whole UTF-8 characters,
     *               never text after a stop string; may be null
     * @throws BadInputException when the prompt does not fit the model's length
     */
    public LocalCompletion complete(List<ChatMessage> messages, GenerationSettings settings, Consumer<String> onText) {
        return generate(promptTokens(messages), settings, onText);
    }

    /** Like {@link #complete}, on {@code prompt} tokenized as it is: no chat template, no special token added. */
    public LocalCompletion completeRaw(String prompt, GenerationSettings settings, Consumer<String> onText) {
        return generate(tokenizer.encode(prompt), settings, onText);
    }

    /**
     * The log-probability of each continuation as the start of the answer to {@code messages} (chat
     * template with the generation prompt): the sum over its tokens of log softmax of the logits
     * before each, at temperature 1. Each continuation is tokenized on its own, as the model writes
     * it at the start of an answer. The prompt is read once for all of them: after each
     * continuation the session is truncated back to the prompt, so N labels cost one prefill plus
     * their own tokens, not N prefills.
     *
     * @throws BadInputException when a continuation is empty or the prompt with the longest one does not fit the model
     */
    public ContinuationScores scoreContinuations(List<ChatMessage> messages, List<String> continuations) {
        long start = System.nanoTime();
        if (continuations.isEmpty()) throw new IllegalArgumentException("continuations must hold at least one text to score");
        int[] prompt = promptTokens(messages);
        int[][] answers = new int[continuations.size()][];
        int longest = 0;
        long read = prompt.length;
        for (int i = 0; i < answers.length; i++) {
            answers[i] = tokenizer.encode(continuations.get(i));
            if (answers[i].length == 0) throw new BadInputException("continuation " + (i + 1) + " is empty: every label needs some text to score");
            longest = Math.max(longest, answers[i].length);
            read += answers[i].length;
        }
        int limit = decoder.config().maxSequenceLength();
        if (prompt.length + longest > limit) {
            throw new BadInputException("the prompt takes " + prompt.length + " tokens and the longest label " + longest + ", but " + folder
                    + " reads at most " + limit + ": shorten the messages (fewer or shorter demonstrations, a shorter system prompt)");
        }
        DecoderSession session = decoder.newSession();
        float[] first = session.append(prompt);
        double[] logProbabilities = new double[answers.length];
        for (int i = 0; i < answers.length; i++) {
            int[] answer = answers[i];
            double total = LogSoftmax.of(first, answer[0]);
            if (answer.length > 1) {
                float[][] next = session.appendAll(Arrays.copyOf(answer, answer.length - 1));    // row j predicts answer[j + 1]
                for (int j = 1; j < answer.length; j++) total += LogSoftmax.of(next[j - 1], answer[j]);
                session.truncate(prompt.length);
            }
            logProbabilities[i] = total;
        }
        return new ContinuationScores(logProbabilities, new Usage(read, 0), (System.nanoTime() - start) / 1_000_000);
    }

    private LocalCompletion generate(int[] prompt, GenerationSettings settings, Consumer<String> onText) {
        if (prompt.length == 0) throw new BadInputException("the prompt is empty: give the model some text to continue");
        int room = decoder.config().maxSequenceLength() - prompt.length;
        if (room < 1) {
            throw new BadInputException("the prompt takes " + prompt.length + " tokens, but " + folder + " reads at most "
                    + decoder.config().maxSequenceLength() + ": shorten the messages");
        }
        TokenSampler sampler = new TokenSampler(settings.temperature(), settings.topP(), settings.topK(), settings.seed());
        AnswerText answer = new AnswerText(tokenizer, settings.stop(), onText);
        DecoderSession session = decoder.newSession();
        float[] logits = session.append(prompt);
        int limit = Math.min(settings.maxNewTokens(), room);
        int[] generated = new int[limit];
        float[] logprobs = new float[limit];
        int count = 0;
        FinishReason finish = FinishReason.LENGTH;
        while (count < limit) {
            int next = sampler.next(logits);
            generated[count] = next;
            logprobs[count++] = (float) LogSoftmax.of(logits, next);
            if (isStop(next) || answer.add(next)) {
                finish = FinishReason.STOP;
                break;
            }
            if (count < limit) logits = session.append(next);
        }
        String text = answer.finish();
        return new LocalCompletion(text, prompt, Arrays.copyOf(generated, count), Arrays.copyOf(logprobs, count), finish);
    }

    private boolean isStop(int token) {
        for (int id : stopTokenIds) if (id == token) return true;
        return false;
    }
}
