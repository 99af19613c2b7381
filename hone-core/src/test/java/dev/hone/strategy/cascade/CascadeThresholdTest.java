package dev.hone.strategy.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hone.Prediction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CascadeThresholdTest {
    private static Prediction p(String label, double score) {
        return new Prediction(label, score, Map.of(label, score));
    }

    // The local model is right when sure (0.9, 0.8) and wrong when unsure (0.6, 0.4); the LLM is right except on text 0.
    private final List<Prediction> local = List.of(p("a", 0.9), p("b", 0.8), p("a", 0.6), p("a", 0.4));
    private final List<Prediction> llm = List.of(p("b", 1), p("b", 1), p("b", 1), p("b", 1));
    private final List<String> truth = List.of("a", "b", "b", "b");

    @Test
    void escalatesExactlyTheUnsureTexts() {
        // A text escalates when its score < t: t = 0.8 sends 0.6 and 0.4 (both fixed by the LLM) and keeps 0.9 and 0.8,
        // 4 correct; t = 0.6 leaves the wrong 0.6 answer (3); t = 0.9 also sends the 0.8 text (still 4, more escalations).
        assertThat(CascadeStrategy.choose(local, llm, truth, 1.0)).isEqualTo(0.8);
    }

    @Test
    void respectsTheEscalationBudget() {
        // At most a quarter escalated: only the 0.4 text may go, t = 0.6 (3 correct) beats t = 0 (2 correct).
        assertThat(CascadeStrategy.choose(local, llm, truth, 0.25)).isEqualTo(0.6);
        assertThat(CascadeStrategy.choose(local, llm, truth, 0.0)).isEqualTo(0.0);
    }
}
