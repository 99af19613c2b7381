package dev.hone.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found in a config, so the user sees them all at once, each at its line. */
final class Problems {
    private final String source;
    private final YamlLines lines;
    private final List<ConfigProblem> problems = new ArrayList<>();

    Problems(String source, YamlLines lines) {
        this.source = source;
        this.lines = lines;
    }

    void add(String path, String message) {
        problems.add(new ConfigProblem(source, lines.lineOf(path), path, message));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws one exception listing every problem, if there are any. */
    void throwIfAny() {
        if (problems.isEmpty()) return;
        StringBuilder text = new StringBuilder(source).append(": ")
                .append(problems.size() == 1 ? "1 problem" : problems.size() + " problems").append(" in the config");
        for (ConfigProblem problem : problems) text.append("\n  ").append(problem);
        throw new ConfigException(text.toString(), problems);
    }
}
