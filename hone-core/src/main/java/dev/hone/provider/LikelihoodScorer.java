package dev.hone.provider;

import java.util.List;

/**
 * A provider that can also say how likely each of a few given answers is, instead of generating
 * one: what classification by likelihood needs ({@code method: likelihood} of {@code llm-zero-shot}
 * and {@code llm-few-shot}). Only a model whose probabilities are at hand can do this cheaply — the
 * in-process {@code type: local} one; chat APIs return the tokens they chose, not the probability
 * of a text they did not choose. A {@link Provider} implements this interface too when it can; its
 * {@link ProviderFactory#scoresLikelihood()} says so before any provider is built.
 */
public interface LikelihoodScorer {

    /**
     * The log-probability of each continuation after the prompt: the conversation rendered as for
     * a chat request (ending where the assistant's answer starts), then the continuation's tokens,
     * summed. Safe to call from many threads at once.
     *
     * @param prompt        the conversation, as a chat request would send it
     * @param continuations the candidate answers, at least one
     */
    ContinuationScores scoreContinuations(List<ChatMessage> prompt, List<String> continuations);
}
