package dev.hone.dataset;

import java.util.List;

/**
 * One input with the output a good answer gives, where it came from ({@code file:line}), and
 * optionally the documents that hold the answer (paths relative to the rag documents folder).
 */
public record GenerationExample(String input, String reference, List<String> sources, String location) {
    public GenerationExample {
        if (input == null || input.isBlank()) throw new IllegalArgumentException(location + ": input must not be empty");
        if (reference == null || reference.isBlank()) throw new IllegalArgumentException(location + ": reference output must not be empty");
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
