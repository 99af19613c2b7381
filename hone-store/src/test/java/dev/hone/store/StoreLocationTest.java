package dev.hone.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreLocationTest {
    private static final Path HOME = Path.of("/home/someone");

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        assertThat(StoreLocation.resolve(null, null, HOME).file()).isEqualTo(Path.of("/home/someone/.hone/store.db"));
        assertThat(StoreLocation.resolve(null, "/tmp/env.db", HOME).jdbcUrl()).isEqualTo("jdbc:sqlite:/tmp/env.db");
        assertThat(StoreLocation.resolve("/tmp/option.db", "/tmp/env.db", HOME).jdbcUrl()).isEqualTo("jdbc:sqlite:/tmp/option.db");
        assertThat(StoreLocation.resolve(" ", "/tmp/env.db", HOME).file()).isEqualTo(Path.of("/tmp/env.db"));
    }

    @Test
    void jdbcUrlsAreUsedAsGivenWithPasswordsMaskedInMessages() {
        StoreLocation postgres = StoreLocation.resolve("jdbc:postgresql://db:5432/hone?user=ci&password=s3cret", null, HOME);
        assertThat(postgres.sqlite()).isFalse();
        assertThat(postgres.jdbcUrl()).endsWith("password=s3cret");
        assertThat(postgres.describe()).doesNotContain("s3cret").contains("password=***");
        StoreLocation sqlite = StoreLocation.resolve("jdbc:sqlite:/tmp/x.db", null, HOME);
        assertThat(sqlite.file()).isEqualTo(Path.of("/tmp/x.db"));
    }
}
