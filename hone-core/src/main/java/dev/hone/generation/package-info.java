/**
 * Generation tasks: an LLM writes a free-text answer for each input — from an instruction alone,
 * with demonstrations from the training pairs, or with retrieved knowledge-base chunks in the
 * prompt (rag) — and each answer is scored against its reference (exact match, token F1, JSON
 * Schema validity, citations, an optional LLM judge). A strategy with {@code optimize:} searches its
 * prompt on the training pairs first ({@link dev.hone.generation.GenerationPromptSearch}).
 */
package dev.hone.generation;
