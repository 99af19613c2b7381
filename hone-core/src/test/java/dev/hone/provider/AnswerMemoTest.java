package dev.hone.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AnswerMemoTest {

    @Test
    void aQuestionAskedOnManyThreadsAtOnceIsAskedOnceAndTheOthersWaitForItsAnswer() throws Exception {
        AnswerMemo<String, String> memo = new AnswerMemo<>();
        AtomicInteger asked = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<AnswerMemo.Answer<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(threads.submit(() -> {
                    go.await();
                    return memo.answer("where is my parcel", () -> {
                        asked.incrementAndGet();
                        sleep(50); // long enough for the others to arrive while it is in flight
                        return "shipping";
                    });
                }));
            }
            go.countDown();
            List<AnswerMemo.Answer<String>> got = new ArrayList<>();
            for (Future<AnswerMemo.Answer<String>> answer : answers) got.add(answer.get());

            assertThat(asked).hasValue(1);
            assertThat(got).extracting(AnswerMemo.Answer::value).containsOnly("shipping");
            assertThat(got).filteredOn(a -> !a.remembered()).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFailedQuestionIsForgottenSoTheNextCallerAsksAgain() {
        AnswerMemo<String, String> memo = new AnswerMemo<>();
        IllegalStateException down = new IllegalStateException("server down");

        assertThatThrownBy(() -> memo.answer("q", () -> {
            throw down;
        })).isSameAs(down);
        AnswerMemo.Answer<String> retried = memo.answer("q", () -> "up");

        assertThat(retried.value()).isEqualTo("up");
        assertThat(retried.remembered()).isFalse();
        assertThat(memo.answer("q", () -> "asked again").remembered()).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
