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
}
