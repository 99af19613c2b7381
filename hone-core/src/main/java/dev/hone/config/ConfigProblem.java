package dev.hone.config;

/**
 * One problem of a config file: where it is ({@code file:line}, the line 0 when the path is not in
 * the file, as for an override) and what is wrong with which key.
 *
 * @param path the config path, {@code strategies[0].rank}; empty for a problem of the whole file
 */
public record ConfigProblem(String file, int line, String path, String message) {

    /** {@code file:line: path: message}, the way every config problem is printed. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
