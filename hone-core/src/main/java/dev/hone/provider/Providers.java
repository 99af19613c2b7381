package dev.hone.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the {@link ProviderFactory} for a config's {@code type:} on the class path. */
public final class Providers {
    private Providers() {
    }

    /** Whether {@code type}'s providers score likelihoods; false when no implementation of it is on the class path. */
    public static boolean scoresLikelihood(String type) {
        return factory(type).map(ProviderFactory::scoresLikelihood).orElse(false);
    }

    /** Whether {@code type}'s providers compute their answers in this process; false when no implementation of it is on the class path. */
    public static boolean runsInProcess(String type) {
        return factory(type).map(ProviderFactory::runsInProcess).orElse(false);
    }

    /** What {@code config}'s type finds wrong with it before any request (see {@link ProviderFactory#problems}); none when its type is not on the class path. */
    public static Map<String, String> problems(ProviderConfig config) {
        return factory(config.type()).map(f -> f.problems(config)).orElse(Map.of());
    }

    private static Optional<ProviderFactory> factory(String type) {
        for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class)) {
            if (factory.type().equals(type)) return Optional.of(factory);
        }
        return Optional.empty();
    }

    public static Provider create(ProviderConfig config) {
        List<String> types = new ArrayList<>();
        for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class)) {
            if (factory.type().equals(config.type())) return factory.create(config);
            types.add(factory.type());
        }
        throw new ProviderException("provider '" + config.name() + "': no implementation of type '" + config.type() + "' is on the class path"
                + (types.isEmpty() ? "; add the hone-providers module (it serves type: openai) or hone-langchain4j (type: langchain4j)" : " (available: " + String.join(", ", types) + ")"));
    }
}
