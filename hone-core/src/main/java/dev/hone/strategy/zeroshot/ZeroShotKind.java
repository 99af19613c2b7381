package dev.hone.strategy.zeroshot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.ConfigNode;
import dev.hone.config.StrategyContext;
import dev.hone.optimize.OptimizeMethod;
import dev.hone.optimize.OptimizeReader;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.CandidateFolder;
import dev.hone.strategy.ClassifierKind;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.Trait;
import dev.hone.strategy.similarity.SimilarityCandidate;
import java.util.List;
import java.util.Set;

/** {@code zero-shot}: labels written out through a template, a text gets the nearest label. */
public final class ZeroShotKind extends ClassifierKind<ZeroShotConfig> {
    public static final ZeroShotKind ZERO_SHOT = new ZeroShotKind();

    private ZeroShotKind() {
        super("zero-shot", ZeroShotConfig.class, Set.of(Trait.PROMPT_ONLY));
    }

    @Override
    public ZeroShotConfig read(ConfigNode node, StrategyContext context) {
        String name = name(node);
        node.rejectUnknownKeys(Set.of("name", "kind", "template", "optimize"));
        return new ZeroShotConfig(name, node.string("template", ZeroShotConfig.DEFAULT_TEMPLATE, false),
                OptimizeReader.readForEncoder(node, List.of(OptimizeMethod.INSTRUCTION_SEARCH), context.seed()));
    }

    @Override
    protected void writeSettings(ZeroShotConfig config, ObjectNode node) {
        node.put("template", config.template());
        OptimizeReader.write(config.optimize(), node);
    }

    @Override
    protected Strategy build(ZeroShotConfig config) {
        return new ZeroShotStrategy(config);
    }

    @Override
    public Candidate load(CandidateFolder folder) {
        return SimilarityCandidate.load(folder);
    }
}
