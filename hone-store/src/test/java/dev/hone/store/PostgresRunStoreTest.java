package dev.hone.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run store contract on a real PostgreSQL server ({@code HONE_STORE=jdbc:postgresql://…}): a
 * cluster of its own under target/, started once for the class, a new database per test.
 */
class PostgresRunStoreTest extends RunStoreContract {
    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        long start = System.nanoTime();
        server = PostgresServer.start(Path.of("target"));
        System.err.printf("PostgresRunStoreTest: initdb and start took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.stop();
    }

    @Override
    StoreLocation newStore() throws Exception {
        return StoreLocation.resolve(server.newDatabase(), null, Path.of("/nonexistent-home"));
    }

    @Test
    void aServerUrlIsUsedAsGivenAndItsPasswordIsMaskedInMessages() throws Exception {
        StoreLocation location = location();
        assertThat(location.sqlite()).isFalse();
        assertThat(location.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
        assertThat(StoreLocation.resolve(location.jdbcUrl() + "&password=secret", null, Path.of("/")).describe())
                .contains("password=***").doesNotContain("secret");
    }
}
