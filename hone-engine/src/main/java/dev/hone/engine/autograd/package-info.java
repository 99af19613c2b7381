/**
 * Reverse-mode differentiation for the encoder: {@link dev.hone.engine.autograd.Graph} runs each op
 * forward with the kernels and, when recording, leaves its hand-written backward on the
 * {@link dev.hone.engine.autograd.Tape}; every backward is checked against finite differences. The
 * layers of {@code engine.nn} are written in these ops.
 */
package dev.hone.engine.autograd;
