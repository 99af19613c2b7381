package dev.hone.config;

import dev.hone.error.BadInputException;
import java.util.List;

/** A config with problems: every one of them, each with its {@code file:line}, in the order they were found. */
public final class ConfigException extends BadInputException {
    private final transient List<ConfigProblem> problems;

    ConfigException(String message, List<ConfigProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
