/**
 * Benchmarks outside the test suite: the engine against PyTorch and ONNX Runtime (GEMM, inference,
 * training steps) and the few-shot protocol run through Hone end to end. Results are recorded in
 * {@code bench/RESULTS.md}.
 */
package dev.hone.bench;
