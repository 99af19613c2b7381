package dev.hone.local;

import dev.hone.engine.decoder.Decoder;
import dev.hone.engine.decoder.DecoderSession;
import dev.hone.engine.decoder.TokenSampler;
import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.tokenizer.DecoderTokenizer;
import dev.hone.error.BadInputException;
import dev.hone.provider.ChatMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
     * {@code tokenizer_config.json} and (if present) {@code generation_config.json}.
     *
     * @throws BadInputException naming the file that is missing or wrong
     */
    public static LocalModel load(Path folder, Kernels kernels) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + " is not a folder: give a Hugging Face model folder (config.json, the safetensors"
                    + " weights, tokenizer.json, tokenizer_config.json)");
        }
        ChatModelFiles files = ChatModelFiles.read(folder);
        ChatTemplate template = new ChatTemplate(files.chatTemplate(), folder.resolve("tokenizer_config.json").toString(),
                files.bosToken(), files.eosToken());
        Decoder decoder = Decoder.load(folder, kernels);
        DecoderTokenizer tokenizer = DecoderTokenizer.load(folder);
        return new LocalModel(folder, decoder, tokenizer, template, stopIds(files, tokenizer, folder));
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
     * Answers the conversation: prefill the prompt, then one token at a time until a stop id or
     * {@code maxNewTokens}.
     *
     * @param temperature 0 for greedy decoding (the same tokens as {@link Decoder#generate}), otherwise sampled with {@code seed}
     */
    public LocalCompletion complete(List<ChatMessage> messages, int maxNewTokens, double temperature, long seed) {
        if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be ≥ 1, got " + maxNewTokens);
        int[] prompt = promptTokens(messages);
        int room = decoder.config().maxSequenceLength() - prompt.length;
        if (room < 1) {
            throw new BadInputException("the prompt takes " + prompt.length + " tokens, but " + folder + " reads at most "
                    + decoder.config().maxSequenceLength() + ": shorten the messages");
        }
        TokenSampler sampler = new TokenSampler(temperature, seed);
        DecoderSession session = decoder.newSession();
        float[] logits = session.append(prompt);
        int limit = Math.min(maxNewTokens, room);
        int[] generated = new int[limit];
        int count = 0;
        boolean stopped = false;
        while (count < limit) {
            int next = sampler.next(logits);
            generated[count++] = next;
            if (isStop(next)) {
                stopped = true;
                break;
            }
            if (count < limit) logits = session.append(next);
        }
        int[] tokens = Arrays.copyOf(generated, count);
        int[] answer = stopped ? Arrays.copyOf(tokens, count - 1) : tokens;
        return new LocalCompletion(tokenizer.decode(answer, true), prompt, tokens, stopped);
    }

    private boolean isStop(int token) {
        for (int id : stopTokenIds) if (id == token) return true;
        return false;
    }
}
