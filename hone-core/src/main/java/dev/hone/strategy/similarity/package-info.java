/**
 * Classification by cosine similarity to labelled reference texts, with nothing trained: the
 * candidate that {@code zero-shot} (label sentences) and {@code few-shot} (training examples) build.
 */
package dev.hone.strategy.similarity;
