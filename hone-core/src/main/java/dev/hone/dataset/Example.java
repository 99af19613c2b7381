package dev.hone.dataset;

/**
 * One labelled text and where it came from ({@code file:line}), so every later message about it
 * can point back at the data.
 */
public record Example(String text, String label, String location) {
    public Example {
        if (text == null) throw new IllegalArgumentException("text must not be null");
        if (label == null) throw new IllegalArgumentException("label must not be null");
    }
}
