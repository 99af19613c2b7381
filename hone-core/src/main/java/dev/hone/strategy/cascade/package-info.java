/**
 * The {@code cascade} route, whole: its config, its registration ({@link dev.hone.strategy.cascade.CascadeKind}),
 * the strategy that builds a local candidate and an LLM candidate and sets the confidence threshold,
 * and the candidate that answers locally unless unsure.
 */
package dev.hone.strategy.cascade;
