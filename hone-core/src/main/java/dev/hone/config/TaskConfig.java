package dev.hone.config;

/** What is being learnt: a name for reports and the task kind (classification for now). */
public record TaskConfig(String name, String kind) {
}
