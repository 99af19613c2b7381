package dev.hone.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The run store contract on SQLite, the default store: one file, created with its folder. */
class RunStoreTest extends RunStoreContract {
    @Override
    StoreLocation newStore() {
        return StoreLocation.ofFile(directory.resolve("nested/folder/store.db"));
    }

    @Test
    void aStoreThatCannotBeCreatedSaysWhereAndHowToChooseAnother() throws Exception {
        Path file = directory.resolve("a-file");
        java.nio.file.Files.writeString(file, "not a folder");
        StoreLocation impossible = StoreLocation.ofFile(file.resolve("store.db"));
        assertThatThrownBy(() -> RunStore.open(impossible)).isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("--store");
    }
}
