package dev.hone.provider;

import dev.hone.error.HoneException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Hone's one fan-out of provider calls: every task on a virtual thread of its own, the results in
 * task order. Concurrency is not limited here; each {@link Provider} bounds its own.
 * <p>
 * Every task is joined before {@link #map} returns or throws: a failure does not cancel the
 * others (their answers may still be cached by the provider). If tasks fail, the failure of the
 * lowest-numbered one is reported: a {@link HoneException} as it was thrown, anything else wrapped
 * in one that says {@code "<what> failed: <cause>"}. A caller interrupted while waiting still waits
 * for the running tasks, then gets {@code "<what> was interrupted"} with its interrupt flag set.
 */
public final class FanOut {
    private FanOut() {
    }

    /**
     * {@code task.apply(0) … task.apply(count - 1)}, run concurrently.
     *
     * @param what names the work in failure messages, e.g. {@code "LLM candidate 'zero-shot'"}
     */
    public static <R> List<R> map(String what, int count, IntFunction<? extends R> task) {
        List<Future<R>> futures = new ArrayList<>(count);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int at = i;
                futures.add(threads.submit(() -> task.apply(at)));
            }
            List<R> results = new ArrayList<>(count);
            for (Future<R> future : futures) results.add(future.get());
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HoneException honest) throw honest;
            throw new HoneException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HoneException(what + " was interrupted");
        }
    }
}
