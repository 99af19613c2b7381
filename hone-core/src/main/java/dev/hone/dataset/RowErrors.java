package dev.hone.dataset;

import dev.hone.error.BadInputException;
import java.util.ArrayList;
import java.util.List;

/** Bad rows of one file: the first few are quoted in full, the rest counted. */
final class RowErrors {
    private static final int SHOWN = 5;
    private final List<String> shown = new ArrayList<>();
    private int count;

    void add(String location, String problem) {
        count++;
        if (shown.size() < SHOWN) shown.add(location + ": " + problem);
    }

    int count() {
        return count;
    }

    void throwIfAny(String file) {
        throwIfAny(file, "Fix the rows, or pass --skip-bad-rows to leave them out.");
    }

    /** Throws the collected problems with fix as the last line, if there are any. */
    void throwIfAny(String file, String fix) {
        if (count == 0) return;
        StringBuilder message = new StringBuilder(String.join("\n", shown));
        if (count > shown.size()) message.append("\n… and ").append(count - shown.size()).append(" more bad rows in ").append(file);
        message.append("\n").append(fix);
        throw new BadInputException(message.toString());
    }
}
