/**
 * Encoders as the rest of Hone sees them: {@link dev.hone.engine.model.Encoders} loads one by
 * registry name or path, {@link dev.hone.engine.model.TextEncoder} turns texts into normalised
 * sentence embeddings, and {@link dev.hone.engine.model.EncoderModel} hands out tuned copies. This is
 * where hone-core meets the engine; it assembles {@code tokenizer}, {@code nn} and {@code weights}.
 */
package dev.hone.engine.model;
