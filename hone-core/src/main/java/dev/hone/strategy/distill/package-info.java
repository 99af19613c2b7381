/**
 * The {@code distill} route: an LLM teacher (another strategy of the config) labels texts, and an
 * in-process LoRA or full fine-tuned student learns from those labels.
 */
package dev.hone.strategy.distill;
