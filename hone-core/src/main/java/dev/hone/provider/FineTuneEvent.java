package dev.hone.provider;

/** One line of a job's progress log ("Step 10/90: training loss=0.41"). */
public record FineTuneEvent(String id, long createdAt, String message) {
    public FineTuneEvent {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("an event needs an id");
        message = message == null ? "" : message;
    }
}
