package dev.hone.error;

/**
 * The one unchecked root of Hone's own failures. Messages say what was expected, what was
 * found and what to do; for data they start with {@code file:line:}. It lives in the lowest
 * module (hone-engine) so every layer can throw it.
 */
public class HoneException extends RuntimeException {
    public HoneException(String message) {
        super(message);
    }

    public HoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
