/**
 * The {@code remote-finetune} route: the training split goes to a provider as a hosted fine-tuning
 * job, recorded in a ledger so a stopped run resumes it instead of paying again; the fine-tuned
 * model then answers as an {@code llm-zero-shot} candidate.
 */
package dev.hone.strategy.remotefinetune;
