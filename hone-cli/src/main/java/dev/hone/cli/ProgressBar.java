package dev.hone.cli;

import dev.hone.engine.train.TrainingListener;
import dev.hone.engine.train.TrainingProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of training (step, loss, rate, ETA) or any counted job: a redrawn bar on a terminal, or a plain line every
 * ten seconds and at the end when output goes to a file or CI log.
 */
final class ProgressBar implements TrainingListener {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final String label;
    private final boolean terminal;
    private long lastPrinted;

    ProgressBar(PrintStream out, String label, boolean terminal) {
        this.out = out;
        this.label = label;
        this.terminal = terminal;
    }

    @Override
    public void onStep(TrainingProgress p) {
        double rate = p.step() / Math.max(p.elapsedSeconds(), 1e-9);
        double eta = (p.totalSteps() - p.step()) / Math.max(rate, 1e-9);
        show(p.step(), p.totalSteps(), () -> String.format(Locale.ROOT, "%s epoch %d/%d step %d/%d loss %.4f %.1f steps/s ETA %s",
                label, p.epoch(), p.epochs(), p.step(), p.totalSteps(), p.loss(), rate, duration(eta)));
    }

    /** Draws {@code done} of {@code total} with a status line, at most every 0.1 s (terminal) or 10 s (log), and at the end. */
    void show(long done, long total, java.util.function.Supplier<String> status) {
        long now = System.nanoTime();
        boolean finished = done >= total;
        long interval = terminal ? 100_000_000L : 10_000_000_000L;
        if (!finished && now - lastPrinted < interval) return;
        lastPrinted = now;
        String stats = status.get();
        if (terminal) {
            int filled = (int) (WIDTH * Math.min(done, total) / Math.max(1, total));
            out.print("\r  [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + stats + "   ");
            if (finished) out.println();
        } else {
            out.println("  " + stats);
        }
        out.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
