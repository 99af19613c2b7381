/**
 * Reverse-mode differentiation for the encoder and the decoder: {@link dev.hone.engine.autograd.Graph}
 * runs each op forward with the kernels and, when recording, leaves its hand-written backward on the
 * {@link dev.hone.engine.autograd.Tape}; every backward is checked against finite differences. The
 * layers of {@code engine.nn} are written in these ops, and so is the decoder's LoRA training
 * ({@code decoder.TrainableDecoder}): RMSNorm, rotary embeddings, causal grouped-query attention,
 * SwiGLU, linear layers over frozen stored-width weights and the chunked LM loss.
 */
package dev.hone.engine.autograd;
