package dev.hone.strategy.zeroshot;

import dev.hone.config.StrategyConfig;
import dev.hone.optimize.OptimizeConfig;

/**
 * Zero-shot prompting of the encoder: each label is written out through {@code template}
 * ({@code {label}} and {@code {description}} are filled in) and a text gets the nearest label.
 *
 * @param optimize the {@code optimize:} block: search a family of templates and label forms on the
 *                 training examples and keep the best ({@link dev.hone.optimize.TemplateSearch}); null to
 *                 use the template as written
 */
public record ZeroShotConfig(String name, String template, OptimizeConfig optimize) implements StrategyConfig {

    /** Zero-shot with the template as written. */
    public ZeroShotConfig(String name, String template) {
        this(name, template, null);
    }

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
