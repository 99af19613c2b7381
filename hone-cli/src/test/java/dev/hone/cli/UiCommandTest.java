package dev.hone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hone ui}'s refusals, before it serves anything (the pages themselves are tested in hone-server). */
class UiCommandTest {
    @TempDir
    Path directory;

    @Test
    void aPortOutOfRangeIsBadInput() {
        CliRunner ui = CliRunner.run("ui", "--port", "70000", "--store", directory.resolve("store.db").toString());
        assertThat(ui.exitCode()).isEqualTo(2);
        assertThat(ui.err()).contains("--port must be 0..65535, got 70000");
    }

    @Test
    void aNetworkAddressWithoutATokenIsRefused() {
        // With a token the command would serve until stopped, not refuse.
        assertThat(System.getenv("HONE_API_TOKEN")).as("HONE_API_TOKEN in the test environment").isNull();
        CliRunner ui = CliRunner.run("ui", "--host", "0.0.0.0", "--port", "0", "--store", directory.resolve("store.db").toString());
        assertThat(ui.exitCode()).isEqualTo(1);
        assertThat(ui.err()).contains("Refusing to listen on 0.0.0.0 without authentication", "HONE_API_TOKEN");
        assertThat(ui.printedStackTrace()).isFalse();
    }
}
