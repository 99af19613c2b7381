/**
 * Fine-tuning the local model, everything around the trainer: the provider's fine-tuning jobs
 * ({@link dev.hone.local.tuning.LocalFineTuning}, the hosted-job calls answered in this process,
 * recorded on disk), the chat JSONL of the training split as supervised examples in the model's own
 * chat template ({@link dev.hone.local.tuning.ChatSftEncoder}), the trainer they hand those to
 * ({@link dev.hone.local.tuning.AdapterTrainer}), and the forgetting probe, perplexity on a fixed
 * general-English set ({@link dev.hone.local.tuning.GeneralTextPerplexity}).
 */
package dev.hone.local.tuning;
