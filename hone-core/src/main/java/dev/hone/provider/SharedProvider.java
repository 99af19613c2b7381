package dev.hone.provider;

/**
 * A {@link ProviderPool}'s provider as one user sees it: requests go to the user's model (the
 * entry's, or a fine-tuned one of it) through the shared connection, and closing is left to the pool.
 */
record SharedProvider(Provider shared, ProviderConfig config) implements Provider {
    SharedProvider {
        if (shared == null || config == null) throw new IllegalArgumentException("shared provider and config are required");
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return shared.chat(request.model().isEmpty() ? request.withModel(config.model()) : request);
    }

    /** The pool closes the connection when the run ends; another user may still be asking through it. */
    @Override
    public void close() {
    }
}
