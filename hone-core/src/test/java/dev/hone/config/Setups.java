package dev.hone.config;

import static org.assertj.core.api.Assertions.assertThat;

/** The task setup a test expects the loaded config to have, failing the test when it is of another kind. */
final class Setups {
    private Setups() {
    }

    static ClassificationSetup classification(HoneConfig config) {
        assertThat(config.setup()).isInstanceOf(ClassificationSetup.class);
        return (ClassificationSetup) config.setup();
    }

    static GenerationConfig generation(HoneConfig config) {
        assertThat(config.setup()).isInstanceOf(GenerationConfig.class);
        return (GenerationConfig) config.setup();
    }

    static RetrievalConfig retrieval(HoneConfig config) {
        assertThat(config.setup()).isInstanceOf(RetrievalConfig.class);
        return (RetrievalConfig) config.setup();
    }
}
