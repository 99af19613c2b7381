/**
 * Text to token ids: a Hugging Face {@code tokenizer.json} through DJL, truncated to the model's
 * length and padded per batch to its longest member. {@code engine.model} pairs it with a BERT model.
 */
package dev.hone.engine.tokenizer;
