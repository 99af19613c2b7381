package dev.hone.provider;

import dev.hone.error.HoneException;

/** A provider call failed for good (after retries), or the provider could not be set up. */
public class ProviderException extends HoneException {
    public ProviderException(String message) {
        super(message);
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
