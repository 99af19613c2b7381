package dev.hone.server;

/** A request failure that maps to one HTTP status and an error type in the JSON body. */
final class HttpError extends RuntimeException {

    final int status;
    final String type;

    HttpError(int status, String message, String type) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }
}
