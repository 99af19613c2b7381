package dev.hone.provider;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link LikelihoodScorer} that remembers and counts, as {@link MeteredProvider} does for chat
 * requests: a prompt scored already is answered again from memory (timing and validation score some
 * texts twice), and every scoring is counted as one request with the tokens it read. Safe for
 * concurrent use.
 */
public final class MeteredScorer implements LikelihoodScorer {
    private final LikelihoodScorer delegate;
    private final AnswerMemo<Key, ContinuationScores> answered = new AnswerMemo<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong cachedRequests = new AtomicLong();
    private final AtomicLong inputTokens = new AtomicLong();

    private record Key(List<ChatMessage> prompt, List<String> continuations) {
    }

    public MeteredScorer(LikelihoodScorer delegate) {
        if (delegate == null) throw new IllegalArgumentException("delegate must not be null");
        this.delegate = delegate;
    }

    @Override
    public ContinuationScores scoreContinuations(List<ChatMessage> prompt, List<String> continuations) {
        Key key = new Key(List.copyOf(prompt), List.copyOf(continuations));
        AnswerMemo.Answer<ContinuationScores> answer = answered.answer(key, () -> delegate.scoreContinuations(prompt, continuations));
        ContinuationScores scores = answer.value();
        if (answer.remembered()) cachedRequests.incrementAndGet();
        requests.incrementAndGet();
        inputTokens.addAndGet(scores.usage().inputTokens());
        return scores;
    }

    /** Scorings asked through this scorer, answered from memory included. */
    public long requests() {
        return requests.get();
    }

    /** Scorings answered from memory. */
    public long cachedRequests() {
        return cachedRequests.get();
    }

    /** Tokens read, counted as when first scored (what serving would read). */
    public long inputTokens() {
        return inputTokens.get();
    }
}
