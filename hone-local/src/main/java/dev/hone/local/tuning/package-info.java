/**
 * Fine-tuning the local model, around the trainer: the chat JSONL of the training split as
 * supervised examples in the model's own chat template ({@link dev.hone.local.tuning.ChatSftEncoder}),
 * and the forgetting probe, perplexity on a fixed general-English set
 * ({@link dev.hone.local.tuning.GeneralTextPerplexity}), measured before and after tuning.
 */
package dev.hone.local.tuning;
