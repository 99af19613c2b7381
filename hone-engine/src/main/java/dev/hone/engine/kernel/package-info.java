/**
 * Array-level compute: a scalar reference implementation that defines what is correct, the Vector
 * API implementation that runs in production (tested against it), and the one compute pool they
 * parallelise on. {@link dev.hone.engine.kernel.KernelSelection} picks between them: the Vector
 * API's when the JVM was started with it, else the reference ones on as many threads, with a
 * warning. Everything above ({@code autograd}, {@code nn}, {@code decoder}) computes through
 * {@link dev.hone.engine.kernel.Kernels}. Weights that stay in their stored width (f16, bf16) are
 * {@link dev.hone.engine.kernel.StoredMatrix}: the kernels widen them to f32 a row or a block at a
 * time, inside the product, never the whole matrix.
 */
package dev.hone.engine.kernel;
