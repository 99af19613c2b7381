package dev.hone.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FanOutTest {

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void resultsComeInTaskOrderWhateverOrderTheTasksFinishIn() {
        List<String> results = FanOut.map("test", 8, i -> {
            sleep(10L * (8 - i));
            return "answer " + i;
        });
        assertThat(results).containsExactly("answer 0", "answer 1", "answer 2", "answer 3", "answer 4", "answer 5",
                "answer 6", "answer 7");
    }

    @Test
    void noTasksIsAnEmptyList() {
        assertThat(FanOut.map("test", 0, i -> i)).isEmpty();
    }

    @Test
    void everyTaskRunsAtOnceOnAThreadOfItsOwn() {
        int count = 50;
        CountDownLatch allStarted = new CountDownLatch(count);
        List<Boolean> sawEveryone = FanOut.map("test", count, i -> {
            allStarted.countDown();
            try {
                return allStarted.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(sawEveryone).hasSize(count).containsOnly(true);
    }

    @Test
    void aHoneExceptionIsRethrownAsItWasThrown() {
        BadInputException thrown = new BadInputException("row 3 is bad");
        assertThatThrownBy(() -> FanOut.map("test", 4, i -> {
            if (i == 2) throw thrown;
            return i;
        })).isSameAs(thrown);
        ProviderException failed = new ProviderException("HTTP 500 after 3 attempts");
        assertThatThrownBy(() -> FanOut.map("test", 4, i -> {
            if (i == 1) throw failed;
            return i;
        })).isSameAs(failed);
    }

    @Test
    void anyOtherFailureIsWrappedInAHoneExceptionNamingTheWork() {
        IllegalStateException cause = new IllegalStateException("boom");
        assertThatThrownBy(() -> FanOut.map("LLM candidate 'zero-shot'", 3, i -> {
            if (i == 1) throw cause;
            return i;
        })).isExactlyInstanceOf(HoneException.class)
                .hasMessage("LLM candidate 'zero-shot' failed: java.lang.IllegalStateException: boom")
                .hasCause(cause);
    }

    @Test
    void theLowestNumberedFailureIsReportedEvenWhenALaterOneHappensFirst() {
        HoneException first = new HoneException("task 0");
        HoneException second = new HoneException("task 5");
        assertThatThrownBy(() -> FanOut.map("test", 6, i -> {
            if (i == 0) {
                sleep(100);
                throw first;
            }
            if (i == 5) throw second;
            return i;
        })).isSameAs(first);
    }

    @Test
    void aFailureStillJoinsEveryOtherTask() {
        AtomicInteger finished = new AtomicInteger();
        assertThatThrownBy(() -> FanOut.map("test", 10, i -> {
            if (i == 0) throw new HoneException("fails at once");
            sleep(50);
            return finished.incrementAndGet();
        })).hasMessage("fails at once");
        assertThat(finished).hasValue(9);
    }

    @Test
    void anInterruptedCallerWaitsForTheTasksThenReportsTheInterruptAndKeepsItsFlag() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        AtomicInteger finishedWhenThrown = new AtomicInteger(-1);
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                FanOut.map("the judge", 3, i -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return finished.incrementAndGet();
                });
            } catch (Throwable e) {
                thrown.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
                finishedWhenThrown.set(finished.get());
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        Thread.sleep(50);
        assertThat(caller.isAlive()).as("the caller waits for its running tasks").isTrue();
        release.countDown();
        caller.join(10_000);
        assertThat(thrown.get()).isExactlyInstanceOf(HoneException.class).hasMessage("the judge was interrupted");
        assertThat(flagKept).isTrue();
        assertThat(finishedWhenThrown).as("every task joined before the caller returns").hasValue(3);
    }
}
