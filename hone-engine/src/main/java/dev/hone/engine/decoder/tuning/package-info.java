/**
 * Supervised fine-tuning of a decoder's LoRA adapters on token ids: {@link
 * dev.hone.engine.decoder.tuning.LoraTrainer} trains {@link dev.hone.engine.decoder.DecoderAdapters}
 * on {@link dev.hone.engine.decoder.tuning.TokenSequence}s (prompt and response, the loss counting the
 * response only) with the options of {@link dev.hone.engine.decoder.tuning.LoraTrainingOptions}. Chat
 * templates, datasets and jobs live above the engine: the caller renders and tokenises.
 */
package dev.hone.engine.decoder.tuning;
