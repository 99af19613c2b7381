package dev.hone.cli;

import dev.hone.store.StoreLocation;
import picocli.CommandLine.Option;

/** {@code --store PATH|JDBC_URL}, shared by the commands that read or write the run history. */
final class StoreOption {
    @Option(names = "--store", paramLabel = "PATH|JDBC_URL",
            description = "Run history database: an SQLite file or a jdbc: URL (default: $HONE_STORE, else ~/.hone/store.db).")
    String store;

    StoreLocation location() {
        return StoreLocation.resolve(store);
    }

    /**
     * For a subcommand ({@code hone runs --store X import DIR}): its own {@code --store} when given,
     * else its parent command's, else {@code HONE_STORE} or the default.
     */
    StoreLocation location(StoreOption parent) {
        return StoreLocation.resolve(store != null || parent == null ? store : parent.store);
    }

    /**
     * Whether the store holds anything to read: a server database always may; an SQLite file only
     * when it exists (reading must not create an empty one).
     */
    static boolean readable(StoreLocation location) {
        return !location.sqlite() || java.nio.file.Files.exists(location.file());
    }

    /** A bad input, creating nothing, when the store to read a run from does not exist. */
    static void requireReadable(StoreLocation location) {
        if (!readable(location)) {
            throw new dev.hone.error.BadInputException("no runs recorded in " + location.describe() + " (no such file); check --store "
                    + "or HONE_STORE, or record a run with 'hone run CONFIG'");
        }
    }
}
