package dev.hone.strategy.fewshot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.ConfigNode;
import dev.hone.config.StrategyContext;
import dev.hone.optimize.OptimizeMethod;
import dev.hone.optimize.OptimizeReader;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateFolder;
import dev.hone.strategy.ClassifierKind;
import dev.hone.strategy.Shortfall;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.Trait;
import dev.hone.strategy.similarity.SimilarityCandidate;
import java.util.List;
import java.util.Set;

/** {@code few-shot}: k labelled examples per class in the encoder's context, by k-NN or class prototypes. */
public final class FewShotKind extends ClassifierKind<FewShotConfig> {
    public static final FewShotKind FEW_SHOT = new FewShotKind();

    private FewShotKind() {
        super("few-shot", FewShotConfig.class, Set.of(Trait.PROMPT_ONLY, Trait.STOCHASTIC));
    }

    @Override
    public FewShotConfig read(ConfigNode node, StrategyContext context) {
        String name = name(node);
        node.rejectUnknownKeys(Set.of("name", "kind", "k", "select", "method", "optimize"));
        return new FewShotConfig(name, node.integer("k", 0, 1, 10_000),
                node.choice("select", "random", List.of("random", "similar")),
                node.choice("method", "knn", List.of("knn", "prototype")),
                OptimizeReader.readForEncoder(node, List.of(OptimizeMethod.BOOTSTRAP_FEW_SHOT), context.seed()));
    }

    @Override
    protected void writeSettings(FewShotConfig config, ObjectNode node) {
        // k not set: "up to 8 per class" is decided against the data, so it stays unset here.
        if (config.k() > 0) node.put("k", config.k());
        node.put("select", config.select()).put("method", config.method());
        OptimizeReader.write(config.optimize(), node);
    }

    /** k references per class need k training examples in every class. */
    @Override
    protected Shortfall shortfall(FewShotConfig config, int smallest) {
        return config.kFor(smallest) > smallest ? new Shortfall("k", config.k(), "examples per class",
                "lower k to at most " + smallest + ", or leave k unset to use up to 8") : null;
    }

    @Override
    protected Strategy build(FewShotConfig config) {
        return new FewShotStrategy(config);
    }

    @Override
    public Candidate load(CandidateFolder folder) {
        return SimilarityCandidate.load(folder);
    }
}
