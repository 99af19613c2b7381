/**
 * The config file as typed records: {@link dev.hone.config.ConfigLoader} reads {@code hone.yaml}
 * (plus {@code --set} overrides), checks every setting and reports every problem at once with its
 * path, and writes the resolved config saved with each run. One record per concern; each strategy
 * kind's record lives with its registration in {@code dev.hone.strategy}. The other packages take
 * these records, never the YAML tree.
 */
package dev.hone.config;
