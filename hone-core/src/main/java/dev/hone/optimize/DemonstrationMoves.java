package dev.hone.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The moves of a bootstrap demonstration search, shared by the LLM routes: a pool example is
 * dropped when the best prompt shows it, added while there is room, and otherwise swapped in for
 * the demonstrations in turn. The search scores each move and keeps it only when the score rises.
 *
 * @param <T> an example
 */
public final class DemonstrationMoves<T> {
    private final int capacity;
    private final Function<T, String> quote;
    private int swap;

    /** One move: the demonstrations after it and what changed, in words. */
    public record Move<T>(List<T> demonstrations, String change) {
    }

    /**
     * @param capacity demonstrations a prompt shows at most
     * @param quote    an example in a few words, for the trial's description
     */
    public DemonstrationMoves(int capacity, Function<T, String> quote) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be ≥ 1, got " + capacity);
        this.capacity = capacity;
        this.quote = quote;
    }

    /** The move that tries {@code candidate} against the best prompt's {@code current} demonstrations. */
    public Move<T> next(List<T> current, T candidate) {
        List<T> demonstrations = new ArrayList<>(current);
        if (demonstrations.contains(candidate)) {
            demonstrations.remove(candidate);
            return new Move<>(demonstrations, "drop demonstration " + quote.apply(candidate));
        }
        if (demonstrations.size() < capacity) {
            demonstrations.add(candidate);
            return new Move<>(demonstrations, "add demonstration " + quote.apply(candidate));
        }
        T out = demonstrations.set(swap++ % demonstrations.size(), candidate);
        return new Move<>(demonstrations, "swap demonstration " + quote.apply(out) + " for " + quote.apply(candidate));
    }

    /** Text in quotes, shortened to 60 characters, with its expected output in brackets. */
    public static String quote(String text, String expected) {
        String line = InstructionProposer.oneLine(text);
        String output = InstructionProposer.oneLine(expected);
        return "'" + (line.length() > 60 ? line.substring(0, 57) + "…" : line) + "' ("
                + (output.length() > 40 ? output.substring(0, 37) + "…" : output) + ")";
    }
}
