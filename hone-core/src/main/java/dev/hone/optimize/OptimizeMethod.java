package dev.hone.optimize;

import java.util.Arrays;
import java.util.List;

/**
 * What a search may change: the demonstrations (references) a prompt carries, its instruction
 * (for the encoder's zero-shot, the label template), or both.
 */
public enum OptimizeMethod {
    BOOTSTRAP_FEW_SHOT("bootstrap-few-shot"),
    INSTRUCTION_SEARCH("instruction-search"),
    BOTH("both");

    private final String id;

    OptimizeMethod(String id) {
        this.id = id;
    }

    /** The name used in config files and results. */
    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(OptimizeMethod::id).toList();
    }

    public static OptimizeMethod of(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("optimize.method must be one of " + ids() + ", got '" + id + "'"));
    }

    /** Whether the search changes demonstrations / references. */
    public boolean selectsDemonstrations() {
        return this != INSTRUCTION_SEARCH;
    }

    /** Whether the search changes the instruction / template. */
    public boolean searchesInstructions() {
        return this != BOOTSTRAP_FEW_SHOT;
    }
}
