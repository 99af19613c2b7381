package dev.hone.store;

import java.util.List;

/** A run as the store holds it: its row, its candidates (in leaderboard order) and the prompt versions they used. */
public record RecordedRun(RunRow run, List<StoredCandidate> candidates, List<PromptVersion> prompts) {
    public RecordedRun {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
    }

    /** The candidate of that name, or null. */
    public StoredCandidate candidate(String name) {
        return candidates.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** The text of a prompt version, or null when the store has only its hash. */
    public String promptText(String sha256) {
        return prompts.stream().filter(p -> p.sha256().equals(sha256)).map(PromptVersion::text).findFirst().orElse(null);
    }
}
