package dev.hone.strategy.zeroshot;

import dev.hone.optimize.OptimizedCandidate;
import dev.hone.optimize.TemplateSearch;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.TrainingData;
import dev.hone.strategy.similarity.ReferenceSet;
import dev.hone.strategy.similarity.SimilarityCandidate;
import java.util.ArrayList;
import java.util.List;

/**
 * Zero-shot: each label is written out through the template and embedded; a text takes the label
 * whose sentence is nearest. No example labels are used, except by an {@code optimize:} search, which
 * scores templates on the training examples and keeps the best ({@link TemplateSearch}).
 */
final class ZeroShotStrategy implements Strategy {
    private final ZeroShotConfig config;

    ZeroShotStrategy(ZeroShotConfig config) {
        this.config = config;
    }

    @Override
    public Candidate build(TrainingData data) {
        List<String> texts = new ArrayList<>();
        int[] indices = new int[data.labels().size()];
        for (int i = 0; i < data.labels().size(); i++) {
            String label = data.labels().get(i);
            texts.add(ZeroShotConfig.render(config.template(), label, data.descriptions().getOrDefault(label, "")));
            indices[i] = i;
        }
        if (config.optimize() == null) {
            return new SimilarityCandidate(data.model(), data.labels(), new ReferenceSet(texts, indices),
                    SimilarityCandidate.Method.PROTOTYPE, 0);
        }
        TemplateSearch.Result found = TemplateSearch.search(data, config.template(), texts, config.optimize());
        return new OptimizedCandidate(new SimilarityCandidate(data.model(), data.labels(), new ReferenceSet(found.sentences(), indices),
                SimilarityCandidate.Method.PROTOTYPE, 0), found.evidence());
    }
}
