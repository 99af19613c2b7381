package dev.hone.store;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A prompt version of one task: its sha256, its text (null when the store holds only the hash, as
 * for a run imported from its folder), and every candidate that was measured with it, oldest first.
 */
public record TaskPrompt(String sha256, String text, List<Use> uses) {
    public TaskPrompt {
        if (sha256 == null || sha256.isBlank()) throw new IllegalArgumentException("a task prompt needs its sha256");
        uses = uses == null ? List.of() : List.copyOf(uses);
        if (uses.isEmpty()) throw new IllegalArgumentException("prompt " + sha256 + ": a task prompt has at least one use");
    }

    /**
     * One candidate of one run that used the prompt.
     *
     * @param metric what {@code score} is (the run's primary metric)
     */
    public record Use(String runId, String startedAt, String candidate, Double score, String metric) {
    }

    /** When the prompt was first measured. */
    public String firstSeen() {
        return uses.get(0).startedAt();
    }

    /** When the prompt was last measured. */
    public String lastSeen() {
        return uses.get(uses.size() - 1).startedAt();
    }

    /** Its latest measured score, or null when none was measured. */
    public Double latestScore() {
        return uses.reversed().stream().map(Use::score).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Its best score over every use, or null when none was measured. */
    public Double bestScore() {
        return uses.stream().map(Use::score).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    /** How many runs measured it. */
    public long runs() {
        return uses.stream().map(Use::runId).distinct().count();
    }
}
