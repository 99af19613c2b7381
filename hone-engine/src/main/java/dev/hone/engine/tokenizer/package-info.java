/**
 * Text to token ids: a Hugging Face {@code tokenizer.json} through DJL. {@link dev.hone.engine.tokenizer.TextTokenizer}
 * truncates to an encoder's length and pads per batch to its longest member ({@code engine.model}
 * pairs it with a BERT model); {@link dev.hone.engine.tokenizer.DecoderTokenizer} encodes a chat
 * prompt as written and decodes generated ids back to text.
 */
package dev.hone.engine.tokenizer;
