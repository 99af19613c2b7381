package dev.hone.strategy.fewshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.Prediction;
import dev.hone.engine.train.TrainingListener;
import dev.hone.provider.ProviderPool;
import dev.hone.strategy.Strategies;
import dev.hone.strategy.TicketTexts;
import dev.hone.strategy.TrainingData;
import dev.hone.strategy.WordHashEncoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FewShotStrategyTest {
    final WordHashEncoder encoder = new WordHashEncoder();

    private List<Map<String, Double>> scores(FewShotConfig config) {
        TrainingData data = new TrainingData(encoder, TicketTexts.TRAIN, List.of(), TicketTexts.LABELS, Map.of(), 7,
                TrainingListener.NONE, new ProviderPool(c -> {
                    throw new AssertionError("few-shot runs in process");
                }));
        return Strategies.of(config).build(data).predictBatch(TicketTexts.QUERIES).stream().map(Prediction::scores).toList();
    }

    @Test
    void aPrototypeWithoutKAveragesEveryExampleOfItsClass() {
        // Every class has three examples: k = 3 drawn at random is all of them, in another order.
        List<Map<String, Double>> every = scores(new FewShotConfig("p", 0, "random", "prototype"));
        assertThat(every).isEqualTo(scores(new FewShotConfig("p", 3, "random", "prototype")));
        assertThat(every).isNotEqualTo(scores(new FewShotConfig("p", 1, "random", "prototype")));
        // select has nothing left to choose without a k.
        assertThat(scores(new FewShotConfig("p", 0, "similar", "prototype"))).isEqualTo(every);
    }

    @Test
    void onlyARandomDrawOfKVariesWithTheSeed() {
        assertThat(new FewShotConfig("p", 0, "random", "prototype").stochastic()).isFalse();
        assertThat(new FewShotConfig("p", 4, "random", "prototype").stochastic()).isTrue();
        assertThat(new FewShotConfig("k", 0, "random", "knn").stochastic()).isTrue();
        assertThat(new FewShotConfig("k", 0, "similar", "knn").stochastic()).isFalse();
    }
}
