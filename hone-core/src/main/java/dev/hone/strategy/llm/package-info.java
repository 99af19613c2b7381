/**
 * The four routes that classify by prompting an LLM ({@code llm-zero-shot}, {@code llm-few-shot},
 * {@code llm-cot}, {@code llm-self-consistency}): the prompt, the provider call, and how a reply
 * is read back as a label.
 */
package dev.hone.strategy.llm;
