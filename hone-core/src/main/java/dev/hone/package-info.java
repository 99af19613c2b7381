/**
 * Hone's Java entry points: {@link dev.hone.Hone#run} runs a config end to end, and
 * {@link dev.hone.Hone#load} rebuilds a saved candidate as a {@link dev.hone.Classifier} that
 * returns {@link dev.hone.Prediction}s. The packages below do the work; this one is what an
 * application embedding Hone calls.
 */
package dev.hone;
