package dev.hone.run;

import dev.hone.config.ConfigLoader;
import dev.hone.config.HoneConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A generated three-label task for runs on the {@link dev.hone.strategy.WordHashEncoder}: each text
 * mixes words of its label, a word of another label and filler, so nearest neighbours are usually
 * right and a zero-shot prompt on the bare label names (alpha, beta, gamma) is not. The config runs
 * a zero-shot prompt and a k-NN over every training example, both in-process and instant.
 */
final class GeneratedIntents {
    static final List<String> LABELS = List.of("alpha", "beta", "gamma");
    private static final String[][] WORDS = {
        {"refund", "money", "back", "charge", "reimburse", "paid", "cash", "return"},
        {"parcel", "delivery", "shipping", "track", "courier", "late", "arrive", "package"},
        {"login", "password", "account", "locked", "reset", "sign", "access", "code"}};
    private static final String[] FILLER = {"please", "hello", "my", "order", "today", "thanks", "help", "urgent", "again", "now"};

    private GeneratedIntents() {
    }

    /** Writes train.jsonl ({@code trainPerLabel} per label), test.jsonl (20 per label) and hone.yaml with these evaluation keys. */
    static Path write(Path directory, int trainPerLabel, String evaluation) throws IOException {
        Random random = new Random(11);
        Files.write(directory.resolve("train.jsonl"), lines(trainPerLabel, random, 0));
        Files.write(directory.resolve("test.jsonl"), lines(20, random, 100_000));
        Path config = directory.resolve("hone.yaml");
        Files.writeString(config, """
                task: {name: generated, kind: classification}
                model: word-hash
                dataset: {train: train.jsonl, test: test.jsonl, validation_fraction: 0.2}
                labels: [alpha, beta, gamma]
                strategies:
                  - {name: zero-shot, kind: zero-shot}
                  - {name: knn, kind: few-shot, k: 3, select: similar, method: knn}
                evaluation: {seed: 5, latency_samples: 5, %s}
                decision: {latency_budget_ms: 10000}
                """.formatted(evaluation));
        return config;
    }

    static HoneConfig load(Path config) {
        return ConfigLoader.load(config, List.of());
    }

    /** Rewrites test.jsonl with every label moved to the next one (alpha → beta → gamma → alpha). */
    static void rotateTestLabels(Path directory) throws IOException {
        Path test = directory.resolve("test.jsonl");
        List<String> rotated = new ArrayList<>();
        for (String line : Files.readAllLines(test)) {
            rotated.add(line.replace("\"label\": \"gamma\"", "\"label\": \"@\"").replace("\"label\": \"beta\"", "\"label\": \"gamma\"")
                    .replace("\"label\": \"alpha\"", "\"label\": \"beta\"").replace("\"label\": \"@\"", "\"label\": \"alpha\""));
        }
        Files.write(test, rotated);
    }

    private static List<String> lines(int perLabel, Random random, int firstNumber) {
        List<String> lines = new ArrayList<>();
        int number = firstNumber;
        for (int i = 0; i < perLabel; i++) {
            for (int label = 0; label < LABELS.size(); label++) {
                List<String> words = new ArrayList<>();
                words.add(pick(WORDS[label], random));
                words.add(pick(WORDS[label], random));
                words.add(pick(WORDS[label], random));
                words.add(pick(WORDS[(label + 1 + random.nextInt(2)) % 3], random));
                words.add(pick(FILLER, random));
                Collections.shuffle(words, random);
                // A number of its own keeps texts distinct (no duplicates, no train/test leaks) and matches nothing.
                String text = String.join(" ", words) + " n" + number++;
                lines.add("{\"text\": \"" + text + "\", \"label\": \"" + LABELS.get(label) + "\"}");
            }
        }
        return lines;
    }

    private static String pick(String[] words, Random random) {
        return words[random.nextInt(words.length)];
    }
}
