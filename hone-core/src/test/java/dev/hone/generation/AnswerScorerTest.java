package dev.hone.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hone.dataset.GenerationExample;
import dev.hone.evaluation.JsonSchemaValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerScorerTest {
    private static final GenerationExample PAIR = new GenerationExample("What does E1 mean?", "The water tank is empty.",
            List.of("manual/errors.md", "faq.txt"), "test.jsonl:1");

    @Test
    void scoresRetrievalAugmentedAnswersForCitationAndRecall() {
        AnswerScorer scorer = new AnswerScorer(null, 3);
        ScoredAnswer cited = scorer.score(PAIR, new Generation("The water tank is empty [errors.md].",
                List.of("manual/errors.md", "warranty.md"), 12), Double.NaN);
        assertThat(cited.cited()).as("the file name is enough").isTrue();
        assertThat(cited.recallAtK()).isEqualTo(0.5);
        assertThat(cited.exactMatch()).isZero();
        assertThat(cited.jsonValid()).isNull();
        ScoredAnswer uncited = scorer.score(PAIR, new Generation("The water tank is empty.", List.of("warranty.md"), 12), 1);
        assertThat(uncited.cited()).isFalse();
        assertThat(uncited.recallAtK()).isZero();
        assertThat(uncited.exactMatch()).isEqualTo(1.0);
        assertThat(uncited.judgeScore()).isEqualTo(1.0);
    }

    @Test
    void withoutRetrievalCitationAndRecallDoNotApply() throws Exception {
        JsonSchemaValidator schema = new JsonSchemaValidator(new ObjectMapper().readTree("{\"type\": \"object\"}"));
        ScoredAnswer a = new AnswerScorer(schema, 0).score(PAIR, new Generation("{\"answer\": \"empty\"}", List.of(), 3), Double.NaN);
        assertThat(a.cited()).isNull();
        assertThat(a.recallAtK()).isNaN();
        assertThat(a.jsonValid()).isTrue();
    }

    @Test
    void metricsAverageOnlyTheAnswersThatHaveEachScore() {
        AnswerScorer scorer = new AnswerScorer(null, 2);
        List<ScoredAnswer> answers = List.of(
                scorer.score(PAIR, new Generation("The water tank is empty [faq.txt]", List.of("faq.txt"), 1), 5),
                scorer.score(PAIR, new Generation("No idea", List.of("warranty.md"), 1), Double.NaN));
        GenerationMetrics m = GenerationMetrics.of(answers, 1, 5, true);
        assertThat(m.exactMatch()).isEqualTo(0.0);
        assertThat(m.judgeScore()).as("the unreadable grade is left out").isEqualTo(5.0);
        assertThat(m.judgeNormalised()).isEqualTo(1.0);
        assertThat(m.judgeParseFailures()).isEqualTo(1);
        assertThat(m.citationRate()).isEqualTo(0.5);
        assertThat(m.jsonValidRate()).isNaN();
        assertThat(m.judged()).isTrue();
        assertThat(GenerationMetrics.of(answers, 0, 1, false).judgeScore()).as("no judge, no grade").isNaN();
    }
}
