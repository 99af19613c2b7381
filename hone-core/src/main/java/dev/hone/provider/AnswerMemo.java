package dev.hone.provider;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers each distinct question once. A caller asking what another is still asking waits for that
 * answer instead of asking again: batches are predicted in parallel, and a repeated text arriving
 * while its twin is in flight must be counted (and paid) once, however the threads interleave. A
 * failed question is forgotten, so a later caller asks again, and the callers waiting on it see the
 * same failure.
 */
final class AnswerMemo<K, V> {
    private final Map<K, CompletableFuture<V>> answers = new ConcurrentHashMap<>();

    /** An answer and whether it came from memory (asked before, or in flight on another thread). */
    record Answer<V>(V value, boolean remembered) {
    }

    Answer<V> answer(K question, Supplier<V> ask) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> known = answers.putIfAbsent(question, mine);
        if (known != null) return new Answer<>(await(known), true);
        try {
            V value = ask.get();
            mine.complete(value);
            return new Answer<>(value, false);
        } catch (RuntimeException | Error failure) {
            answers.remove(question, mine);
            mine.completeExceptionally(failure);
            throw failure;
        }
    }

    private static <V> V await(CompletableFuture<V> answer) {
        try {
            return answer.join();
        } catch (CompletionException wrapped) {
            // The asker's own exception, as the asker saw it.
            if (wrapped.getCause() instanceof RuntimeException runtime) throw runtime;
            if (wrapped.getCause() instanceof Error error) throw error;
            throw wrapped;
        }
    }
}
