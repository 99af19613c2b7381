package dev.hone.optimize;

import dev.hone.provider.ChatMessage;
import dev.hone.provider.ChatRequest;
import dev.hone.provider.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The proposer of an instruction search (OPRO's meta-prompt, shortened), shared by the LLM
 * classification routes and the generation routes: the proposer LLM is shown what the task is, a
 * few training examples, the instructions tried so far with their scores (worst first, the best
 * last) and the best one's mistakes, and asked for a new instruction. Its reply is cleaned of quotes,
 * fences and a leading "Instruction:".
 *
 * @param proposer the provider that writes instructions (counted by the search's {@link RequestBudget})
 * @param role     what the instructions are for, e.g. "a text classifier"
 * @param input    how an example's input is named, e.g. "Text"
 * @param output   how an example's right output is named, e.g. "Label"
 * @param metric   what a score is, e.g. "accuracy on held-out examples"
 * @param seed     the proposer's sampling seed (plus the trial's number)
 */
public record InstructionProposer(Provider proposer, String role, String input, String output, String metric, long seed) {
    /** Examples and mistakes shown to the proposer at most. */
    public static final int SHOWN = 5;
    /** Instructions tried shown to the proposer at most (the best ones). */
    static final int TRIED_SHOWN = 8;
    /** Characters of an input or output shown at most. */
    static final int SHOWN_CHARS = 300;
    static final double TEMPERATURE = 0.7;
    static final int MAX_TOKENS = 300;

    /** A training example shown as it is, or a mistake: what was expected and what was answered. */
    public record Shown(String input, String expected, String answered) {
    }

    /** An instruction tried, its score and a finer score that orders equal scores (0 when there is none). */
    public record Tried(String instruction, double score, double tieBreak) {
    }

    /**
     * A new instruction, written from the history.
     *
     * @param task     what the task is, a paragraph (e.g. the labels)
     * @param examples training examples shown as they are (first {@link #SHOWN})
     * @param tried    every instruction scored so far
     * @param mistakes the best instruction's mistakes (first {@link #SHOWN})
     * @param note     what is added after the instruction, so the proposer leaves it out
     * @param round    the trial's number, added to the seed
     */
    public String propose(String task, List<Shown> examples, List<Tried> tried, List<Shown> mistakes, String note, int round) {
        StringBuilder user = new StringBuilder(task.strip()).append("\n\nExamples from the training data:\n");
        for (Shown e : examples.subList(0, Math.min(SHOWN, examples.size()))) {
            user.append(input).append(": ").append(shown(e.input())).append('\n').append(output).append(": ").append(shown(e.expected()))
                    .append('\n');
        }
        user.append("\nInstructions tried so far, with their ").append(metric).append(" (worst first):\n");
        List<Tried> order = new ArrayList<>(tried);
        order.sort(Comparator.comparingDouble(Tried::score).thenComparingDouble(Tried::tieBreak));
        for (Tried t : order.subList(Math.max(0, order.size() - TRIED_SHOWN), order.size())) {
            user.append(String.format(Locale.ROOT, "[%.2f] %s%n", t.score(), oneLine(t.instruction())));
        }
        for (int i = 0; i < Math.min(SHOWN, mistakes.size()); i++) {
            if (i == 0) user.append("\nMistakes of the best instruction:\n");
            Shown m = mistakes.get(i);
            user.append(input).append(": ").append(shown(m.input())).append("\nExpected: ").append(shown(m.expected()))
                    .append("; answered: ").append(shown(m.answered())).append('\n');
        }
        user.append("\nWrite a new instruction for ").append(role).append(" that is different from those above and likely to score "
                + "higher. Reply with the instruction only").append(note.isBlank() ? "." : "; " + note.strip());
        ChatRequest request = new ChatRequest(List.of(
                ChatMessage.system("You write instructions for " + role + " and improve them from their scores."),
                ChatMessage.user(user.toString())), TEMPERATURE, MAX_TOKENS, seed + round);
        return clean(proposer.chat(request).text());
    }

    /** The proposal without quotes, fences or a leading "Instruction:". */
    public static String clean(String text) {
        String t = text == null ? "" : text.strip();
        t = t.replaceAll("^```[a-zA-Z]*\\s*", "").replaceAll("\\s*```$", "").strip();
        t = t.replaceFirst("(?i)^(new )?instruction\\s*:\\s*", "").strip();
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) t = t.substring(1, t.length() - 1).strip();
        return t;
    }

    /** Text on one line, runs of white space as one space. */
    public static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String shown(String text) {
        String line = oneLine(text);
        return line.length() > SHOWN_CHARS ? line.substring(0, SHOWN_CHARS - 1) + "…" : line;
    }
}
