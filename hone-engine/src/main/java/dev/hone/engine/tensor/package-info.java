/**
 * The engine's one data type: an f32 tensor (flat row-major array, shape, optional gradient). The
 * kernels compute on its arrays, autograd records operations on it, and the layers of
 * {@code engine.nn} hold their parameters in it.
 */
package dev.hone.engine.tensor;
