package dev.hone.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GenerationSlotsTest {

    @Test
    void aRequestBeyondTheRunningAndQueuedOnesIsRefusedWith503() throws Exception {
        GenerationSlots slots = new GenerationSlots(1, 1);
        GenerationSlots.Slot running = slots.acquire();
        CountDownLatch admitted = new CountDownLatch(1);
        Thread waiting = Thread.ofVirtual().start(() -> {
            try (GenerationSlots.Slot slot = slots.acquire()) {
                admitted.countDown();
            }
        });
        while (slots.inFlight() < 2) Thread.sleep(1);

        assertThatThrownBy(slots::acquire).isInstanceOfSatisfying(HttpError.class, e -> {
            assertThat(e.status).isEqualTo(503);
            assertThat(e.getMessage()).contains("busy").contains("--max-generations");
        });
        assertThat(admitted.getCount()).as("the queued request waits for the running one").isEqualTo(1);

        running.close();
        running.close();    // a second close releases nothing more
        assertThat(admitted.await(10, TimeUnit.SECONDS)).isTrue();
        waiting.join();
        assertThat(slots.inFlight()).isZero();
    }
}
