package dev.hone.config;

import java.util.Arrays;
import java.util.List;

/**
 * {@code evaluation.selection}: how the candidates are compared for the choice. {@link #AUTO} lets
 * the data decide ({@link dev.hone.dataset.SelectionRule} says how and why); the other two force one
 * method whatever the data's size.
 */
public enum SelectionMode {
    /** A validation split when it would hold enough examples to separate candidates, else cross-validation. */
    AUTO("auto"),
    /** Always the validation split ({@code dataset.validation_fraction}), then a refit on train + validation. */
    VALIDATION("validation"),
    /** Always repeated stratified k-fold cross-validation over every labelled training example. */
    CROSS_VALIDATION("cross-validation");

    private final String id;

    SelectionMode(String id) {
        this.id = id;
    }

    /** The value as written in the config. */
    public String id() {
        return id;
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(SelectionMode::id).toList();
    }

    static SelectionMode of(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("evaluation.selection must be one of " + ids() + ", got '" + id + "'"));
    }
}
