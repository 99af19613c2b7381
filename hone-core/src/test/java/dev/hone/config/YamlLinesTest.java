package dev.hone.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YamlLinesTest {
    static final String TEXT = """
            task: {name: t, kind: classification}
            dataset:
              train: train.jsonl
            strategies:
              - {name: zs, kind: zero-shot}
              - name: l
                kind: lora
                rank: 0
            evaluation: {repeats: 0}
            """;

    @Test
    void keysAndListItemsHaveTheLineTheyStartOn() {
        YamlLines lines = YamlLines.of(TEXT);
        assertThat(lines.lineOf("task.kind")).isEqualTo(1);
        assertThat(lines.lineOf("dataset.train")).isEqualTo(3);
        assertThat(lines.lineOf("strategies[0].kind")).isEqualTo(5);
        assertThat(lines.lineOf("strategies[1]")).isEqualTo(6);
        assertThat(lines.lineOf("strategies[1].rank")).isEqualTo(8);
        assertThat(lines.lineOf("evaluation.repeats")).isEqualTo(9);
    }

    @Test
    void aMissingKeyTakesItsParentsLineAndAnUnknownPathNone() {
        YamlLines lines = YamlLines.of(TEXT);
        assertThat(lines.lineOf("dataset.test")).isEqualTo(2);
        assertThat(lines.lineOf("strategies[1].epochs")).isEqualTo(6);
        assertThat(lines.lineOf("decision.accuracy_floor")).isZero();
        assertThat(YamlLines.of("task: [unclosed\n").lineOf("task")).isZero();
    }
}
