package dev.hone.local.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.engine.decoder.tuning.TokenSequence;
import dev.hone.engine.tokenizer.DecoderTokenizer;
import dev.hone.error.BadInputException;
import dev.hone.local.ChatModelFiles;
import dev.hone.local.ChatTemplate;
import dev.hone.local.LocalModel;
import dev.hone.provider.ChatMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns chat-format training lines ({@code {"messages": [system, user, assistant]}}, the file the
 * llm-finetune route exports for every provider) into {@link SftExample}s with the model's own
 * chat template, so the model is tuned on exactly the text it is later asked with:
 * <ul>
 *   <li>the prompt is every message before the final assistant turn, rendered with
 *       {@code add_generation_prompt=true} (it ends where the answer starts);</li>
 *   <li>the full chat is every message rendered as a finished conversation;</li>
 *   <li>the answer is the full chat's tokens after the prompt's, which counts the template's
 *       end-of-turn token (and whatever the template writes after it) in the loss, so the tuned
 *       model learns to stop.</li>
 * </ul>
 * Sequences longer than {@code maxLength} lose prompt tokens from the start (the system message
 * goes first; the text and the assistant header nearest the answer stay), down to half the
 * length; an answer longer than the rest (a long reference output) loses its end. Both are
 * counted per example ({@link SftExample}) and reported by the job, never silent.
 */
public final class ChatSftEncoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatTemplate template;
    private final DecoderTokenizer tokenizer;
    private final int endOfTurn;
    private final int maxLength;

    /**
     * @param endOfTurn the token that ends an assistant turn, appended after the answer when the
     *                  template's full chat does not continue its prompt token for token
     * @param maxLength the longest sequence an example may have, in tokens (at least 2)
     */
    public ChatSftEncoder(ChatTemplate template, DecoderTokenizer tokenizer, int endOfTurn, int maxLength) {
        if (maxLength < 2) throw new IllegalArgumentException("maxLength must be ≥ 2 (a prompt token and an answer token), got " + maxLength);
        this.template = template;
        this.tokenizer = tokenizer;
        this.endOfTurn = endOfTurn;
        this.maxLength = maxLength;
    }

    /**
     * The encoder for {@code model}: its template and tokenizer, its {@code eos_token} as the end of
     * a turn (else its first stop id), and at most {@code maxLength} tokens (capped at the model's length).
     */
    public static ChatSftEncoder of(LocalModel model, int maxLength) {
        String eos = ChatModelFiles.read(model.folder()).eosToken();
        int endOfTurn = eos.isEmpty() ? -1 : model.tokenizer().tokenId(eos);
        if (endOfTurn < 0) endOfTurn = model.stopTokenIds()[0];
        return new ChatSftEncoder(model.template(), model.tokenizer(), endOfTurn,
                Math.min(maxLength, model.decoder().config().maxSequenceLength()));
    }

    /** The longest sequence an example may have, in tokens. */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Every line of a chat JSONL file (blank lines skipped).
     *
     * @param source names the file in errors, which give its line
     * @throws BadInputException at the first line that is not a chat ending in an assistant answer
     */
    public SftExamples encodeJsonl(String jsonl, String source) {
        List<SftExample> examples = new ArrayList<>();
        String[] lines = jsonl.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            try {
                examples.add(encode(messages(lines[i])));
            } catch (BadInputException e) {
                throw new BadInputException(source + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (examples.isEmpty()) throw new BadInputException(source + " holds no training examples: expected one chat per line");
        return new SftExamples(examples);
    }

    /**
     * One chat whose last message is the assistant's answer, cut to {@code maxLength} tokens as the class says.
     *
     * @throws BadInputException when the chat does not end in a non-empty assistant answer
     */
    public SftExample encode(List<ChatMessage> messages) {
        if (messages.size() < 2 || !messages.getLast().role().equals("assistant")) {
            throw new BadInputException("a training chat needs at least one message and then the assistant's answer, last");
        }
        if (messages.getLast().content().isEmpty()) throw new BadInputException("the assistant's answer is empty: nothing to learn");
        int[] prompt = tokenizer.encode(template.render(messages.subList(0, messages.size() - 1), true));
        int[] full = tokenizer.encode(template.render(messages, false));
        int[] answer;
        if (full.length > prompt.length && Arrays.equals(full, 0, prompt.length, prompt, 0, prompt.length)) {
            answer = Arrays.copyOfRange(full, prompt.length, full.length);
        } else {
            // Some templates render a finished conversation differently from a prompt plus its answer
            // (reasoning tags added or dropped for the last turn, a merge across the boundary): then
            // train on what generation sees, the prompt as asked, the answer's own tokens and the end of turn.
            int[] content = tokenizer.encode(messages.getLast().content());
            answer = Arrays.copyOf(content, content.length + 1);
            answer[content.length] = endOfTurn;
        }
        // The prompt keeps at least half the length (or all of it, when shorter): an answer too long for
        // the rest loses its end instead, so the example still pairs the input with its output.
        int promptFloor = Math.min(prompt.length, maxLength / 2);
        int keptAnswer = Math.min(answer.length, maxLength - promptFloor);
        int keptPrompt = Math.min(prompt.length, maxLength - keptAnswer);
        int cut = prompt.length - keptPrompt;
        TokenSequence sequence = TokenSequence.of(Arrays.copyOfRange(prompt, cut, prompt.length), Arrays.copyOf(answer, keptAnswer));
        return new SftExample(sequence, cut, answer.length - keptAnswer);
    }

    private static List<ChatMessage> messages(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (IOException e) {
            throw new BadInputException("not valid JSON: " + e.getMessage(), e);
        }
        JsonNode array = root == null ? null : root.get("messages");
        if (array == null || !array.isArray()) throw new BadInputException("expected {\"messages\": [{\"role\": …, \"content\": …}, …]}");
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode m : array) {
            String role = m.path("role").asText("");
            if (!List.of("system", "user", "assistant").contains(role)) {
                throw new BadInputException("message " + (messages.size() + 1) + ": role must be system, user or assistant, got '" + role + "'");
            }
            if (!m.path("content").isTextual()) throw new BadInputException("message " + (messages.size() + 1) + ": content must be a string");
            messages.add(new ChatMessage(role, m.path("content").asText()));
        }
        return messages;
    }
}
