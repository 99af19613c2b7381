/**
 * Array-level compute: a scalar reference implementation that defines what is correct, the Vector
 * API implementation that runs in production (tested against it), and the one compute pool they
 * parallelise on. Everything above ({@code autograd}, {@code nn}) computes through {@link dev.hone.engine.kernel.Kernels}.
 */
package dev.hone.engine.kernel;
