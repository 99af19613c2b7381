package dev.hone.store;

import java.nio.file.Path;

/**
 * Where the run history lives: {@code --store PATH|JDBC_URL}, else the {@code HONE_STORE}
 * environment variable, else {@code ~/.hone/store.db}. A plain path is an SQLite file; a value
 * starting with {@code jdbc:} is used as it is ({@code jdbc:postgresql://host/db?user=…}).
 *
 * @param jdbcUrl the URL the driver opens
 * @param file    the SQLite file, absolute; null for a server database
 */
public record StoreLocation(String jdbcUrl, Path file) {
    public static final String ENVIRONMENT = "HONE_STORE";
    private static final String SQLITE = "jdbc:sqlite:";

    public StoreLocation {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("a run store is a file path or a jdbc: URL, got '" + jdbcUrl + "'");
        }
    }

    /** From the option (may be null), else {@code HONE_STORE}, else the default file under the user's home. */
    public static StoreLocation resolve(String option) {
        return resolve(option, System.getenv(ENVIRONMENT), Path.of(System.getProperty("user.home")));
    }

    static StoreLocation resolve(String option, String environment, Path home) {
        String given = present(option) ? option : present(environment) ? environment : null;
        if (given == null) return ofFile(home.resolve(".hone").resolve("store.db"));
        if (given.startsWith(SQLITE)) return ofFile(Path.of(given.substring(SQLITE.length())));
        if (given.startsWith("jdbc:")) return new StoreLocation(given, null);
        return ofFile(Path.of(given));
    }

    public static StoreLocation ofFile(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return new StoreLocation(SQLITE + absolute, absolute);
    }

    public boolean sqlite() {
        return file != null;
    }

    /** For messages: the file, or the URL with any password masked. */
    public String describe() {
        return file != null ? file.toString() : jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
