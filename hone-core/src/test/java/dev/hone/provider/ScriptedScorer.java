package dev.hone.provider;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A provider that scores likelihoods without a model, for tests of what is built on
 * {@link LikelihoodScorer}: each (prompt's last user text, continuation) gets the script's
 * log-probability; usage counts one token per word of the prompt once and of every continuation.
 * It records every scoring; chatting with it is a test mistake and fails.
 */
public final class ScriptedScorer implements Provider, LikelihoodScorer {
    private final ProviderConfig config;
    private final BiFunction<String, String, Double> script;
    private final List<List<ChatMessage>> prompts = new ArrayList<>();

    public ScriptedScorer(ProviderConfig config, BiFunction<String, String, Double> script) {
        this.config = config;
        this.script = script;
    }

    /** Settings for a fake entry of the type {@link Factory} serves. */
    public static ProviderConfig config(String name) {
        return new ProviderConfig(name, Factory.TYPE, URI.create("http://127.0.0.1:1/v1"), "scorer-model", "", 8, 500, 60, 0, 0, 0, null);
    }

    @Override
    public ContinuationScores scoreContinuations(List<ChatMessage> prompt, List<String> continuations) {
        synchronized (this) {
            prompts.add(List.copyOf(prompt));
        }
        String text = prompt.get(prompt.size() - 1).content();
        double[] scores = new double[continuations.size()];
        long read = 0;
        for (ChatMessage message : prompt) read += ScriptedProvider.tokens(message.content());
        for (int i = 0; i < scores.length; i++) {
            scores[i] = script.apply(text, continuations.get(i));
            read += ScriptedProvider.tokens(continuations.get(i));
        }
        return new ContinuationScores(scores, new Usage(read, 0), 3);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        throw new AssertionError("a likelihood candidate must not generate: " + request);
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    /** Every prompt scored, in arrival order. */
    public synchronized List<List<ChatMessage>> prompts() {
        return List.copyOf(prompts);
    }

    /** Serves {@code type: scripted-scorer} in tests (listed in the test resources' services file), scoring every label 0. */
    public static final class Factory implements ProviderFactory {
        static final String TYPE = "scripted-scorer";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public boolean scoresLikelihood() {
            return true;
        }

        @Override
        public Provider create(ProviderConfig config) {
            return new ScriptedScorer(config, (text, label) -> 0.0);
        }
    }
}
