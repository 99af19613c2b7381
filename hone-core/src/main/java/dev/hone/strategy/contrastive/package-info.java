/**
 * The {@code contrastive} route (SetFit): sentence pairs drawn from the labels tune the encoder,
 * then a logistic-regression head is fitted on the tuned embeddings.
 */
package dev.hone.strategy.contrastive;
