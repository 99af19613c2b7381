package dev.hone.store;

import dev.hone.config.HoneConfig;
import dev.hone.results.RunResults;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@code hone run} holds to record itself: a row marked incomplete when the run starts, the
 * whole record when it ends. The store is a copy of what the run's folder already holds, so it
 * never stops a run: when it cannot be opened or written, one warning line says why and how to add
 * the run later, recording stops, and the run goes on (its exit code is its own).
 */
public final class RunRecorder {
    private final StoreLocation location;
    private final Consumer<String> warn;
    private RunRow started;
    private Path out;
    private Map<String, PromptVersion> prompts = Map.of();

    private RunRecorder(StoreLocation location, Consumer<String> warn) {
        this.location = location;
        this.warn = warn;
    }

    /** Records into the store at {@code location}; {@code warn} receives the one line a failure prints. */
    public static RunRecorder into(StoreLocation location, Consumer<String> warn) {
        return new RunRecorder(location, warn);
    }

    /** Records nothing ({@code hone run --no-store}). */
    public static RunRecorder off() {
        return new RunRecorder(null, line -> { });
    }

    /** Records the run as started (incomplete); returns the run's id, or null when it is not recorded. */
    public String started(HoneConfig config, Path out) {
        if (location == null) return null;
        this.out = out;
        // The store is opened for each write, not held for the run's hours: a server may drop an idle connection.
        try (RunStore store = RunStore.open(location)) {
            RunRow row = RunRecords.started(config, out);
            prompts = PromptVersions.of(config);
            store.begin(row);
            started = row;
            return row.id();
        } catch (RuntimeException e) {
            fail(e);
            return null;
        }
    }

    /**
     * For {@code hone run --resume}: takes over the incomplete row the interrupted run left for
     * {@code out}, so finishing completes that row and the store holds one run; records the run as
     * started when there is none (the interrupted run was not recorded). Returns the run's id, or
     * null when it is not recorded.
     */
    public String resumed(HoneConfig config, Path out) {
        if (location == null) return null;
        this.out = out;
        try (RunStore store = RunStore.open(location)) {
            prompts = PromptVersions.of(config);
            var interrupted = store.incompleteRunIn(out);
            if (interrupted.isPresent()) {
                started = interrupted.get();
                return started.id();
            }
        } catch (RuntimeException e) {
            fail(e);
            return null;
        }
        return started(config, out);
    }

    /** Records the finished run in one transaction; returns whether it was recorded. */
    public boolean finished(RunResults results) {
        if (started == null) return false;
        try (RunStore store = RunStore.open(location)) {
            store.complete(RunRecords.finished(started, results, prompts));
            return true;
        } catch (RuntimeException e) {
            fail(e);
            return false;
        }
    }

    /** The run's id in the store; null when it is not being recorded. */
    public String runId() {
        return started == null ? null : started.id();
    }

    private void fail(RuntimeException e) {
        started = null;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        warn.accept("warning: this run is not in the run history (" + message + "); its folder is written as usual"
                + (out == null ? "" : ", add it later with 'hone runs import " + out + "'"));
    }
}
