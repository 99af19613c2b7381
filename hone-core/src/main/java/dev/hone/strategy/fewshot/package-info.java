/**
 * The {@code few-shot} route: k labelled examples per class in the encoder's context, chosen at
 * random or by similarity to each query, classified by nearest neighbours or class prototypes.
 */
package dev.hone.strategy.fewshot;
