package dev.hone.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hone.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalEvaluatorTest {

    @Test
    void metricsMatchHandComputedValues() {
        // ranked: x, a, y, b ; relevant {a, b, c}
        List<String> ranked = List.of("x", "a", "y", "b");
        Set<String> rel = Set.of("a", "b", "c");
        assertThat(RetrievalEvaluator.recallAtK(ranked, rel, 3)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(RetrievalEvaluator.recallAtK(ranked, rel, 4)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(RetrievalEvaluator.reciprocalRank(ranked, rel)).isEqualTo(0.5);
        // DCG@4 = 1/log2(3) + 1/log2(5); IDCG@4 = 1 + 1/log2(3) + 1/log2(4)
        double dcg = 1 / (Math.log(3) / Math.log(2)) + 1 / (Math.log(5) / Math.log(2));
        double idcg = 1 + 1 / (Math.log(3) / Math.log(2)) + 0.5;
        assertThat(RetrievalEvaluator.ndcgAtK(ranked, rel, 4)).isCloseTo(dcg / idcg, within(1e-12));
    }

    @Test
    void evaluateAveragesAndCountsAFileOnce() {
        var judged = List.of(new RetrievalEvaluator.Judged("q1", Set.of("a.md")),
                new RetrievalEvaluator.Judged("q2", Set.of("b.md")));
        RetrievalMetrics m = RetrievalEvaluator.evaluate("vector", 2, judged, q -> q.equals("q1")
                ? List.of(new Hit(1, 1, "a.md", 0, "t"), new Hit(2, 1, "a.md", 1, "t"))
                : List.of(new Hit(1, 1, "a.md", 0, "t"), new Hit(2, 1, "a.md", 1, "t"), new Hit(3, 1, "b.md", 0, "t")));
        // q2: distinct sources a.md, b.md -> b.md at rank 2
        assertThat(m.recallAtK()).isEqualTo(1.0);
        assertThat(m.mrr()).isEqualTo((1 + 0.5) / 2);
        assertThat(m.queries()).isEqualTo(2);
    }

    @Test
    void badJsonlNamesFileAndLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("q.jsonl");
        Files.writeString(f, "{\"query\": \"ok\", \"relevant\": [\"a.md\"]}\n\n{\"query\": \"x\", \"relevant\": []}\n");
        assertThatThrownBy(() -> RetrievalEvaluator.readJsonl(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("q.jsonl:3").hasMessageContaining("\"relevant\" must be a non-empty array");
        Files.writeString(f, "{not json\n");
        assertThatThrownBy(() -> RetrievalEvaluator.readJsonl(f)).hasMessageContaining("q.jsonl:1: not valid JSON");
        Files.writeString(f, "{\"query\": \"ok\", \"relevant\": [\"a.md\"]}\n");
        assertThat(RetrievalEvaluator.readJsonl(f)).containsExactly(new RetrievalEvaluator.Judged("ok", Set.of("a.md")));
    }
}
