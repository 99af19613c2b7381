package dev.hone.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hone.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The commented {@code hone.yaml} that {@code hone init} writes for a classification dataset: the
 * detected fields and labels, a split, the usual strategies (one per route, cheapest first) and the
 * evaluation and decision defaults, each line saying what to change. It loads as written.
 *
 * @param task     the task's name
 * @param train    the training file, as the config will name it (relative to the config's folder)
 * @param test     a separate test file, or null to hold out {@link #TEST_FRACTION} of train
 * @param labels   label → number of rows, most frequent first
 * @param source   what was read, for the header comment ({@code data/train.jsonl: 1,200 rows})
 */
public record StarterConfig(String task, String train, String test, String textField, String labelField, Map<String, Integer> labels,
                            String source) {
    public static final double TEST_FRACTION = 0.2;

    public StarterConfig {
        if (labels.size() < 2) throw new IllegalArgumentException("a starter config needs at least 2 labels, got " + labels.keySet());
    }

    public String yaml() {
        StringBuilder y = new StringBuilder();
        y.append("# Starter config written by hone init from ").append(source).append(".\n");
        y.append("# Check it with `hone validate`, then run it with `hone run`; edit anything below.\n");
        y.append("task: {name: ").append(quote(task)).append(", kind: classification}\n\n");
        y.append("# Where the labelled data is and which fields hold the text and the label.\n");
        y.append("dataset:\n");
        y.append("  train: ").append(quote(train)).append('\n');
        if (test != null) {
            y.append("  test: ").append(quote(test)).append('\n');
        } else {
            y.append("  test_fraction: ").append(TEST_FRACTION).append("      # held out for the final test (seeded, stratified); or test: FILE\n");
        }
        y.append("  text_field: ").append(quote(textField)).append('\n');
        y.append("  label_field: ").append(quote(labelField)).append('\n');
        y.append("\n# The labels found (rows in the data). Zero-shot embeds each description: a sentence saying what\n");
        y.append("# a text of that label is about works better than the bare name.\n");
        y.append("labels:\n");
        labels.forEach((label, count) -> y.append("  ").append(quote(label)).append(": ").append(quote(describe(label)))
                .append("   # ").append(count).append(count == 1 ? " row\n" : " rows\n"));
        y.append("\n# The encoder every route builds on: bge-small-en-v1.5 (stronger frozen), all-minilm-l6-v2 (faster),\n");
        y.append("# or a path to a model of your own.\n");
        y.append("model: ").append(ConfigLoader.DEFAULT_MODEL).append("\n\n");
        y.append("# The usual routes, cheapest first; remove the ones you do not want to pay for.\n");
        y.append("strategies:\n");
        y.append("  - {name: zero-shot, kind: zero-shot}                  # label descriptions only, no training\n");
        y.append("  - {name: knn, kind: few-shot, select: similar}        # nearest labelled examples (k: per label, up to 8)\n");
        y.append("  - {name: probe, kind: linear-probe}                   # frozen encoder, trained head\n");
        y.append("  - {name: lora-r8, kind: lora, rank: 8, alpha: 16}     # low-rank adapters + head\n");
        y.append("  - {name: setfit, kind: contrastive}                   # SetFit-style pairs, then head\n");
        y.append("  - {name: full, kind: full-finetune}                   # every weight; slowest\n\n");
        y.append("# repeats: builds of each stochastic route (mean ± sd); seed: the whole run reproduces with it.\n");
        y.append("evaluation: {repeats: ").append(ConfigLoader.DEFAULT_REPEATS).append(", seed: ").append(ConfigLoader.DEFAULT_SEED).append("}\n\n");
        y.append("# What the recommendation weighs: traffic for the cost model, the accuracy you need, the latency you allow.\n");
        y.append(String.format(Locale.ROOT, "decision: {monthly_requests: %d, accuracy_floor: %s, latency_budget_ms: %s}%n",
                ConfigLoader.DEFAULT_MONTHLY_REQUESTS, number(ConfigLoader.DEFAULT_ACCURACY_FLOOR), number(ConfigLoader.DEFAULT_LATENCY_BUDGET_MS)));
        return y.toString();
    }

    /** A label's name as a first description: {@code card_arrival} → "card arrival". */
    static String describe(String label) {
        return label.replace('_', ' ').replace('-', ' ').strip();
    }

    /** A YAML scalar: plain when it is safe, else double-quoted (a JSON string is a valid one). */
    static String quote(String value) {
        if (value.matches("[A-Za-z][A-Za-z0-9 ._/-]*") && !value.endsWith(" ")
                && !List.of("true", "false", "yes", "no", "on", "off", "null", "y", "n").contains(value.toLowerCase(Locale.ROOT))) {
            return value;
        }
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
