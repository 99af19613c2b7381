package dev.hone.store;

import dev.hone.error.HoneException;

/** The run store cannot be opened, migrated, read or written; the message names the store and the cause. */
public class StoreException extends HoneException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
