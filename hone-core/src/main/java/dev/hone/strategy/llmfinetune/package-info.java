/**
 * The {@code llm-finetune} route (formerly {@code remote-finetune}): the training split, exported
 * as chat JSONL, goes to the provider's fine-tuning — a hosted job (OpenAI) or training in this
 * process ({@code type: local}) behind the same {@link dev.hone.provider.FineTuningProvider}
 * calls — recorded in a ledger so a stopped run resumes the job instead of paying for or training
 * it again ({@link dev.hone.strategy.llmfinetune.FineTuneJobRunner}). For classification each chat
 * answers with the label and the fine-tuned model then answers as an {@code llm-zero-shot}
 * candidate; for a generation task each answers with the reference output and the tuned model
 * writes answers like {@code llm-generate}.
 */
package dev.hone.strategy.llmfinetune;
