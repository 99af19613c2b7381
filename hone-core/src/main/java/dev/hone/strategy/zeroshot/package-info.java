/**
 * The {@code zero-shot} route: each label is written out through a template and embedded, and a
 * text takes the label whose sentence is nearest; no example labels are used.
 */
package dev.hone.strategy.zeroshot;
