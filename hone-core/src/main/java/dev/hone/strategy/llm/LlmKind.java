package dev.hone.strategy.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.ConfigNode;
import dev.hone.config.StrategyContext;
import dev.hone.optimize.OptimizeConfig;
import dev.hone.optimize.OptimizeMethod;
import dev.hone.optimize.OptimizeReader;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.Providers;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateFolder;
import dev.hone.strategy.ClassifierKind;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.Trait;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The four routes that classify by prompting an LLM named with {@code provider:}. Prompt-only;
 * whether repeats vary depends on the temperature ({@link LlmConfig#stochastic()}).
 */
public final class LlmKind extends ClassifierKind<LlmConfig> {
    public static final LlmKind LLM_ZERO_SHOT = new LlmKind("llm-zero-shot");
    public static final LlmKind LLM_FEW_SHOT = new LlmKind("llm-few-shot");
    public static final LlmKind LLM_COT = new LlmKind("llm-cot");
    public static final LlmKind LLM_SELF_CONSISTENCY = new LlmKind("llm-self-consistency");

    private static final Set<String> COMMON = Set.of("name", "kind", "provider", "system", "user", "demonstration",
            "temperature", "max_tokens");

    private LlmKind(String id) {
        super(id, LlmConfig.class, Set.of(Trait.PROMPT_ONLY, Trait.ASKS_AN_LLM));
    }

    /** The answer is reasoning followed by an "Answer:" line. */
    public boolean reasons() {
        return this == LLM_COT || this == LLM_SELF_CONSISTENCY;
    }

    /** Reads the entry: which provider, templates, and the kind's own settings. */
    @Override
    public LlmConfig read(ConfigNode node, StrategyContext context) {
        String name = name(node);
        Set<String> known = new HashSet<>(COMMON);
        if (this == LLM_FEW_SHOT) known.addAll(Set.of("k", "select"));
        if (!reasons()) known.add("method");
        if (this == LLM_SELF_CONSISTENCY) known.add("samples");
        if (this != LLM_SELF_CONSISTENCY) known.add("optimize");
        node.rejectUnknownKeys(known);
        ProviderConfig provider = context.provider(node, "provider");
        boolean sampled = this == LLM_SELF_CONSISTENCY;
        double temperature = node.number("temperature", sampled ? LlmConfig.DEFAULT_SAMPLING_TEMPERATURE : 0, 0, 2);
        if (sampled && temperature == 0) {
            node.problem("temperature", "must be > 0 for llm-self-consistency (identical samples would make the vote pointless)");
        }
        String system = node.string("system", reasons() ? LlmConfig.DEFAULT_REASONING_SYSTEM : LlmConfig.DEFAULT_SYSTEM, false);
        String user = node.string("user", LlmConfig.DEFAULT_USER, false);
        if (user != null && !user.contains("{text}")) node.problem("user", "must contain {text}, where the text to classify goes");
        String demonstration = node.string("demonstration",
                reasons() ? LlmConfig.DEFAULT_REASONING_DEMONSTRATION : LlmConfig.DEFAULT_DEMONSTRATION, false);
        if (demonstration != null && !demonstration.contains("{label}")) {
            node.problem("demonstration", "must contain {label} (the demonstration's answer)");
        }
        int k = node.integer("k", this == LLM_FEW_SHOT ? LlmConfig.DEFAULT_K : 0, 1, 200);
        String select = node.choice("select", "random", List.of("random", "similar"));
        int samples = node.integer("samples", sampled ? LlmConfig.DEFAULT_SAMPLES : 1, 1, 64);
        int maxTokens = node.integer("max_tokens", reasons() ? 400 : 16, 1, 100_000);
        LlmMethod method = method(node, provider);
        OptimizeConfig optimize = this == LLM_SELF_CONSISTENCY ? null : optimize(node, context, provider, select);
        if (provider == null) return null;
        return new LlmConfig(name, this, provider, system, user, demonstration, k, select, samples, temperature, maxTokens, method,
                optimize);
    }

    /**
     * {@code optimize:}: llm-few-shot searches its demonstrations and instruction by default, the others
     * their instruction; demonstrations chosen per query ({@code select: similar}) leave nothing to bootstrap.
     */
    private OptimizeConfig optimize(ConfigNode node, StrategyContext context, ProviderConfig provider, String select) {
        List<OptimizeMethod> allowed = this == LLM_FEW_SHOT
                ? List.of(OptimizeMethod.BOTH, OptimizeMethod.INSTRUCTION_SEARCH, OptimizeMethod.BOOTSTRAP_FEW_SHOT)
                : List.of(OptimizeMethod.INSTRUCTION_SEARCH, OptimizeMethod.BOOTSTRAP_FEW_SHOT, OptimizeMethod.BOTH);
        if ("similar".equals(select)) allowed = List.of(OptimizeMethod.INSTRUCTION_SEARCH);
        return OptimizeReader.readForLlm(node, context, allowed, provider, context.seed());
    }

    /**
     * {@code method:}, by default likelihood where the provider's type scores likelihoods (type: local)
     * and generate elsewhere; likelihood on a provider that cannot score is a problem naming both fixes.
     * llm-cot and llm-self-consistency reason before their answer, so they generate and take no method.
     */
    private LlmMethod method(ConfigNode node, ProviderConfig provider) {
        if (reasons()) return LlmMethod.GENERATE;
        boolean scores = provider != null && Providers.scoresLikelihood(provider.type());
        String fallback = scores ? LlmMethod.LIKELIHOOD.id() : LlmMethod.GENERATE.id();
        LlmMethod method = LlmMethod.of(node.choice("method", fallback, List.of(LlmMethod.GENERATE.id(), LlmMethod.LIKELIHOOD.id())));
        if (method == LlmMethod.LIKELIHOOD && provider != null && !scores) {
            node.problem("method", "likelihood needs a provider that scores label likelihoods, and provider '" + provider.name()
                    + "' (type: " + provider.type() + ") only generates: use method: generate, or a provider of type: local");
        }
        return method;
    }

    @Override
    protected void writeSettings(LlmConfig config, ObjectNode node) {
        node.put("provider", config.provider().name()).put("system", config.systemTemplate()).put("user", config.userTemplate())
                .put("demonstration", config.demonstrationTemplate()).put("temperature", config.temperature())
                .put("max_tokens", config.maxTokens());
        if (this == LLM_FEW_SHOT) node.put("k", config.k()).put("select", config.select());
        if (!reasons()) node.put("method", config.method().id());
        if (this == LLM_SELF_CONSISTENCY) node.put("samples", config.samples());
        OptimizeReader.write(config.optimize(), node);
    }

    @Override
    protected Strategy build(LlmConfig config) {
        return new LlmStrategy(config);
    }

    @Override
    public Candidate load(CandidateFolder folder) {
        return loadSaved(folder);
    }

    /** Rebuilds a saved LLM candidate of whichever llm-* kind its {@code llm.json} names (a cascade's remote part). */
    public static Candidate loadSaved(CandidateFolder folder) {
        return LlmStrategy.load(folder);
    }
}
