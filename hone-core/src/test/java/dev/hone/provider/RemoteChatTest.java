package dev.hone.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteChatTest {

    private static ProviderConfig config(int maxConcurrency, Path cache) {
        return new ProviderConfig("remote", "openai", URI.create("http://127.0.0.1:1/v1"), "m", "", maxConcurrency, 500, 60, 0, 0, 0, cache);
    }

    @Test
    void aCachedAnswerIsNotSentAgainAndCostsNoTokens(@TempDir Path cache) {
        RemoteChat remote = new RemoteChat(config(2, cache));
        AtomicInteger sent = new AtomicInteger();
        RemoteChat.Send send = () -> {
            sent.incrementAndGet();
            return new ChatResponse("yes", new Usage(12, 3), false, 5);
        };

        ChatResponse first = remote.answer("{\"q\":1}", "here: ", send);
        ChatResponse second = remote.answer("{\"q\":1}", "here: ", send);
        remote.answer("{\"q\":2}", "here: ", send);

        assertThat(sent.get()).isEqualTo(2);
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(remote.cacheHits()).isEqualTo(1);
        assertThat(remote.usageSent()).isEqualTo(new Usage(24, 6));
    }

    @Test
    void noMoreThanMaxConcurrencySendsAreInFlight() throws InterruptedException {
        RemoteChat remote = new RemoteChat(config(2, null));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(6);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String body = "{\"q\":" + i + "}";
            threads.add(Thread.ofVirtual().start(() -> {
                remote.answer(body, "here: ", () -> {
                    most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    Thread.sleep(30);
                    inFlight.decrementAndGet();
                    return new ChatResponse("ok", Usage.NONE, false, 30);
                });
                done.countDown();
            }));
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void anInterruptedWaitSaysWhereAndKeepsTheFlag() {
        RemoteChat remote = new RemoteChat(config(1, null));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> remote.answer("{}", "provider 'remote' (m at x): ", () -> {
                throw new InterruptedException();
            })).isInstanceOf(ProviderException.class).hasMessage("provider 'remote' (m at x): interrupted while waiting for an answer");
            assertThat(Thread.interrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void backoffIsWithinItsCeilingAndCapped() {
        for (int attempt = 0; attempt < 40; attempt++) {
            Duration wait = RemoteChat.backoff(Duration.ofMillis(10), attempt);
            assertThat(wait).isBetween(Duration.ZERO, Duration.ofMillis(Math.min(RemoteChat.LONGEST_WAIT.toMillis(), 10L << Math.min(attempt, 20))));
        }
    }
}
