package dev.hone.strategy;

/**
 * A setting of a strategy that asks for more training examples per class than the data has, as its
 * kind explains it: the run refuses the config before anything trains, and the learning curve skips
 * the sizes it does not fit.
 *
 * @param key     the setting's key in the strategy's entry ({@code k})
 * @param value   its value as configured
 * @param meaning what the value counts ({@code examples per class})
 * @param fix     how to make it fit
 */
public record Shortfall(String key, Object value, String meaning, String fix) {
}
