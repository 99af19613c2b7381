package dev.hone.error;

/** The user's input (a file, a config, a flag, a model path) is wrong; the message says how to fix it. */
public class BadInputException extends HoneException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
