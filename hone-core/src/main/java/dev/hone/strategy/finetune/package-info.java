/**
 * The in-process fine-tuning routes {@code linear-probe}, {@code lora} and {@code full-finetune}:
 * the engine trains a head, LoRA adapters or every weight, and the validation split stops it early.
 */
package dev.hone.strategy.finetune;
