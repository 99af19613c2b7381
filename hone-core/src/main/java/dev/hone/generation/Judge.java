package dev.hone.generation;

import dev.hone.config.JudgeConfig;
import dev.hone.evaluation.JudgeReply;
import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.FanOut;
import dev.hone.provider.MeteredProvider;
import dev.hone.provider.Provider;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An LLM that grades answers against references with the configured rubric, at temperature 0. Its
 * reply is read by {@link JudgeReply}; a reply without a readable grade is a parse failure, left
 * out of the mean and counted. The judge's tokens are the evaluation's cost, not the candidates'.
 */
public final class Judge {
    static final String SYSTEM = """
            You grade answers. Compare the ANSWER with the REFERENCE answer to the QUESTION, following the rubric.
            Rubric: %s
            Reply with one short sentence of justification, then a final line "Score: N" where N is %s.""";

    private final JudgeConfig config;
    private final MeteredProvider provider;
    private final AtomicLong parseFailures = new AtomicLong();
    private final AtomicLong graded = new AtomicLong();

    public Judge(JudgeConfig config, Provider provider) {
        this.config = config;
        this.provider = new MeteredProvider(provider);
    }

    /** A grade per answer in the scale's own units, NaN where the reply could not be read. */
    public List<Double> grade(List<String> inputs, List<String> references, List<String> answers) {
        if (inputs.size() != references.size() || inputs.size() != answers.size()) {
            throw new IllegalArgumentException("inputs, references and answers must have the same length, got "
                    + inputs.size() + ", " + references.size() + ", " + answers.size());
        }
        return FanOut.map("the judge", inputs.size(), at -> gradeOne(inputs.get(at), references.get(at), answers.get(at)));
    }

    private double gradeOne(String input, String reference, String answer) {
        String scale = "binary".equals(config.scale()) ? "1 if the answer is acceptable and 0 if it is not"
                : "a whole number from 1 (wrong) to 5 (fully correct)";
        List<ChatMessage> messages = List.of(ChatMessage.system(SYSTEM.formatted(config.rubric(), scale)),
                ChatMessage.user("QUESTION:\n" + input + "\n\nREFERENCE:\n" + reference + "\n\nANSWER:\n" + answer));
        String reply = provider.chat(new ChatRequest(messages, 0, 100, 0)).text();
        graded.incrementAndGet();
        OptionalDouble score = JudgeReply.parse(reply, config.lowest(), config.highest());
        if (score.isEmpty()) {
            parseFailures.incrementAndGet();
            return Double.NaN;
        }
        return score.getAsDouble();
    }

    public JudgeConfig config() {
        return config;
    }

    public long parseFailures() {
        return parseFailures.get();
    }

    public long graded() {
        return graded.get();
    }

    public long inputTokens() {
        return provider.inputTokens();
    }

    public long outputTokens() {
        return provider.outputTokens();
    }
}
