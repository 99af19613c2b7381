package dev.hone.error;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The Java heap ran out while Hone was doing something it can name: reported as what was being
 * done, the heap limit, and how to raise it, instead of an {@link OutOfMemoryError}'s stack trace.
 * The error itself is kept as the cause.
 */
public final class OutOfMemoryException extends HoneException {

    public OutOfMemoryException(String activity, OutOfMemoryError cause) {
        super(message(activity), cause);
    }

    /** Runs {@code work}; an {@link OutOfMemoryError} inside it becomes this exception, naming {@code activity}. */
    public static <T> T during(String activity, Supplier<T> work) {
        try {
            return work.get();
        } catch (OutOfMemoryError e) {
            throw new OutOfMemoryException(activity, e);
        }
    }

    /** "ran out of memory while ACTIVITY (Java heap limit …); give the JVM more: …". */
    public static String message(String activity) {
        long limitMb = Runtime.getRuntime().maxMemory() >> 20;
        long suggestedGb = Math.max(2, (limitMb * 2 + 1023) / 1024);
        return String.format(Locale.ROOT, "ran out of memory while %s (Java heap limit %,d MB). Give the JVM more: "
                + "HONE_JAVA_OPTS=-Xmx%dg ./hone … (or -Xmx%dg for your own java command), or use fewer or shorter texts",
                activity, limitMb, suggestedGb, suggestedGb);
    }
}
