package dev.hone.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The providers of one run: one connection per {@code providers:} entry, opened when first asked
 * for and shared by everything in the run — every candidate, repeat, cross-validation fold,
 * learning-curve point, cascade part, distillation teacher, generator and judge — so an entry's
 * {@code max_concurrency}, {@code requests_per_minute} and answer cache hold for the endpoint, not
 * for each user of it. A fine-tuned {@code ft:} model of an entry is asked through the same
 * connection (OpenAI draws a fine-tuned model's requests from its base model's limits).
 *
 * <p>Users get a view they cannot close; {@link #close()} (when the run ends, also when it fails)
 * closes each connection once. Safe for concurrent use.
 */
public final class ProviderPool implements AutoCloseable {
    private final Function<ProviderConfig, ? extends Provider> connect;
    private final Map<String, Provider> open = new LinkedHashMap<>();
    private boolean closed;

    /** @param connect builds the provider of an entry; {@link Providers#create} unless a test watches the connections */
    public ProviderPool(Function<ProviderConfig, ? extends Provider> connect) {
        if (connect == null) throw new IllegalArgumentException("connect must not be null");
        this.connect = connect;
    }

    /** A pool connecting through the implementations on the class path. */
    public static ProviderPool open() {
        return new ProviderPool(Providers::create);
    }

    /**
     * The entry's shared provider, seen with {@code config} (its own model, which each request is
     * sent to). Closing what is returned does nothing.
     */
    public Provider provider(ProviderConfig config) {
        return new SharedProvider(shared(config), config);
    }

    /** The entry's shared provider as a fine-tuning client, when its implementation offers fine-tuning jobs. */
    public Optional<FineTuningProvider> fineTuning(ProviderConfig config) {
        return shared(config) instanceof FineTuningProvider tuner ? Optional.of(tuner) : Optional.empty();
    }

    /** The entry's shared provider as a likelihood scorer, when its implementation is one ({@code type: local}). */
    public Optional<LikelihoodScorer> likelihood(ProviderConfig config) {
        return shared(config) instanceof LikelihoodScorer scorer ? Optional.of(scorer) : Optional.empty();
    }

    private synchronized Provider shared(ProviderConfig config) {
        if (closed) throw new IllegalStateException("the run's providers are closed; provider '" + config.name() + "' was asked for after the run");
        Provider existing = open.get(config.name());
        if (existing == null) {
            existing = connect.apply(config);
            open.put(config.name(), existing);
        } else if (!existing.config().withModel(config.model()).equals(config)) {
            // Every user of an entry reads the same providers: mapping, so differing settings are a caller's mistake.
            throw new IllegalArgumentException("provider '" + config.name() + "' is asked for with two different settings in one run: "
                    + existing.config() + " and " + config);
        }
        return existing;
    }

    /** Closes every connection; the first failure is thrown after all were tried, later ones suppressed in it. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        RuntimeException failure = null;
        for (Provider provider : open.values()) {
            try {
                provider.close();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        open.clear();
        if (failure != null) throw failure;
    }
}
