package dev.hone.results;

/** {@code task}: the config's name for the task and its kind (classification, retrieval or generation). */
public record Task(String name, String kind) {
    public static final String CLASSIFICATION = "classification";
    public static final String RETRIEVAL = "retrieval";
    public static final String GENERATION = "generation";
}
