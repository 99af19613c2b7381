package dev.hone.strategy.zeroshot;

import dev.hone.config.StrategyConfig;

/**
 * Zero-shot prompting of the encoder: each label is written out through {@code template}
 * ({@code {label}} and {@code {description}} are filled in) and a text gets the nearest label.
 */
public record ZeroShotConfig(String name, String template) implements StrategyConfig {
    /** Label description when there is one, else a plain sentence naming the label. */
    public static final String DEFAULT_TEMPLATE = "This text is about {label}. {description}";

    /** Fills {label} (underscores and dashes read as spaces) and {description}. */
    public static String render(String template, String label, String description) {
        String readable = label.replace('_', ' ').replace('-', ' ');
        return template.replace("{label}", readable).replace("{description}", description == null ? "" : description).trim();
    }

    @Override
    public ZeroShotKind kind() {
        return ZeroShotKind.ZERO_SHOT;
    }
}
