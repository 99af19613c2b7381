package dev.hone.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.Hone;
import dev.hone.json.Json;
import dev.hone.config.ConfigLoader;
import dev.hone.config.DecisionConfig;
import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.RunResults;
import dev.hone.verdict.ClassificationVerdict;
import dev.hone.verdict.CostModel;
import dev.hone.verdict.RoutePrior;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The SetFit few-shot protocol run through Hone itself: for each dataset, examples per class N and
 * seeded draw, a config that names every strategy with its defaults is run end to end
 * ({@link Hone#run}), and each candidate's test accuracy and training time are collected, together
 * with the test accuracy of the candidate Hone recommends (chosen on validation, not on test).
 * Runs that finished earlier in the same {@code --out} are not repeated, only decided again;
 * {@code --rerun s1,s2} measures those strategies of a finished run again (after a change to their
 * defaults) and puts them in place of the old ones before the decision.
 *
 * <p>{@code --write-draws LIST} runs nothing: it writes each selected run folder (train.jsonl,
 * test.jsonl, hone.yaml; an existing folder must hold the same draw) with the PyTorch SetFit peer's
 * inputs ({@link PeerInputs}), and lists the folders in LIST, one a line. Where the peer has written
 * {@code peer/result.json} into a run folder, the table compares the recommendation with it
 * ({@link VerdictStability}).
 *
 * <p>Arguments: {@code --datasets a,b --n 8,64 --draws 5 --models m1,m2 --test-limit 1000 --out DIR
 * [--strategies s1,s2] [--rerun s1,s2] [--write-draws LIST]}; {@code --strategies} runs those strategies only
 * (the protocol's, or {@code zero-shot-optimized}).
 */
public final class FewShotBench {
    /**
     * The protocol compares accuracy: on a shared 2-core machine a candidate's p95 latency swings with
     * the load, and the default 100 ms budget would drop candidates for the machine's noise.
     */
    private static final int NO_LATENCY_BUDGET = 1_000_000;

    private FewShotBench() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Protocol protocol = Protocol.of(options);
        List<String> datasets = protocol.datasets();
        List<Integer> sizes = protocol.sizes();
        int draws = protocol.draws();
        List<String> models = protocol.models();
        int testLimit = protocol.testLimit();
        Path root = protocol.datasetsDir();
        Path out = Path.of(options.getOrDefault("out", "bench/fewshot/runs"));
        List<String> rerun = options.containsKey("rerun") ? List.of(options.get("rerun").split(",")) : List.of();
        for (String name : rerun) {
            if (!STRATEGIES.containsKey(name)) throw new IllegalArgumentException("--rerun: no strategy '" + name + "'; the protocol's are " + STRATEGIES.keySet());
        }
        List<String> strategyNames = options.containsKey("strategies") ? List.of(options.get("strategies").split(","))
                : List.copyOf(STRATEGIES.keySet());
        for (String name : strategyNames) {
            if (!STRATEGIES.containsKey(name) && !OPTIONAL.containsKey(name)) {
                throw new IllegalArgumentException("--strategies: no strategy '" + name + "'; known: " + STRATEGIES.keySet() + " " + OPTIONAL.keySet());
            }
        }
        if (options.containsKey("write-draws")) {
            writeDraws(Path.of(options.get("write-draws")), datasets, sizes, draws, models, testLimit, root, out);
            return;
        }

        // (dataset, N, model, strategy) → accuracies and training seconds over draws.
        Map<String, List<double[]>> cells = new TreeMap<>();
        VerdictStability stability = new VerdictStability();
        for (String dataset : datasets) {
            Splits splits = Splits.of(root.resolve(dataset), testLimit);
            // The verdict's route prior was measured on these datasets: judged on one, it must not have seen it.
            System.setProperty(RoutePrior.EXCLUDE_PROPERTY, dataset);
            for (int n : sizes) {
                for (int draw = 0; draw < draws; draw++) {
                    List<String> train = splits.draw(n, draw);
                    for (String model : models) {
                        Path runDir = out.resolve(dataset + "-n" + n + "-d" + draw + "-" + model);
                        Path resultsFile = runDir.resolve("out/results.json");
                        long started = System.nanoTime();
                        if (finished(resultsFile)) {
                            System.out.printf(Locale.ROOT, "== %s N=%d draw %d %s: finished earlier; %s%n",
                                    dataset, n, draw, model, rerun.isEmpty() ? "deciding again" : "re-running " + rerun + ", then deciding again");
                            if (!rerun.isEmpty()) rerun(runDir, model, draw, rerun);
                        } else {
                            Path config = writeRun(runDir, train, splits.test(), model, draw, strategyNames);
                            System.out.printf(Locale.ROOT, "== %s N=%d draw %d %s (%d train, %d test)%n",
                                    dataset, n, draw, model, train.size(), splits.test().size());
                            Hone.run(config, runDir.resolve("out"));
                        }
                        // Decided again with the current verdict, so a change to the choice rule needs no re-run.
                        var results = (ClassificationResults) RunResults.read(resultsFile);
                        DecisionConfig d = ConfigLoader.load(runDir.resolve("hone.yaml"), List.of()).decision();
                        CostModel cost = CostModel.of(new DecisionConfig(d.monthlyRequests(), d.accuracyFloor(), NO_LATENCY_BUDGET,
                                d.cpuHourUsd(), d.budgetPerMonth(), d.tieMargin()), results.provenance().hostCores());
                        String recommended = ClassificationVerdict.decide(results, cost).decision().recommended();
                        ClassifierResult chosen = null;
                        ClassifierResult best = null;
                        for (ClassifierResult candidate : results.candidates()) {
                            double[] figures = {candidate.accuracy(), candidate.trainSeconds()};
                            add(cells, dataset, n, model, candidate.name(), figures);
                            if (candidate.name().equals(recommended)) {
                                add(cells, dataset, n, model, "recommended", figures);
                                chosen = candidate;
                            }
                            if (best == null || candidate.accuracy() > best.accuracy()) best = candidate;
                        }
                        if (chosen == null) throw new IllegalStateException(runDir + ": recommended '" + recommended + "' is not a candidate");
                        double[] peer = peerResult(runDir);
                        stability.add(dataset, n, model, new VerdictStability.Draw(recommended, chosen.accuracy(),
                                chosen.trainSeconds(), best.name(), best.accuracy(), peer[0], peer[1]));
                        System.out.printf(Locale.ROOT, "   done in %.0f s; recommended %s%n",
                                (System.nanoTime() - started) / 1e9, recommended);
                    }
                }
                writeTable(cells, stability, out.resolve("table.md"), draws);
            }
        }
        writeTable(cells, stability, out.resolve("table.md"), draws);
        writeTable(cells, stability, null, draws);
    }

    /**
     * Writes the selected run folders without running Hone (an existing folder is kept, and must hold
     * the same draw and test texts), adds the PyTorch peer's inputs to each, and lists the folders.
     */
    private static void writeDraws(Path list, List<String> datasets, List<Integer> sizes, int draws, List<String> models,
                                   int testLimit, Path root, Path out) throws IOException {
        Map<String, PeerInputs> inputs = new TreeMap<>();
        List<String> folders = new ArrayList<>();
        for (String dataset : datasets) {
            Splits splits = Splits.of(root.resolve(dataset), testLimit);
            for (int n : sizes) {
                for (int draw = 0; draw < draws; draw++) {
                    List<String> train = splits.draw(n, draw);
                    for (String model : models) {
                        Path runDir = out.resolve(dataset + "-n" + n + "-d" + draw + "-" + model);
                        if (Files.exists(runDir.resolve("train.jsonl"))) {
                            same(runDir.resolve("train.jsonl"), train, "draw");
                            same(runDir.resolve("test.jsonl"), splits.test(), "test texts (is --test-limit the same?)");
                        } else {
                            writeRun(runDir, train, splits.test(), model, draw, List.copyOf(STRATEGIES.keySet()));
                        }
                        inputs.computeIfAbsent(model, FewShotBench::peerInputs).write(runDir);
                        folders.add(runDir.toString());
                        System.out.printf(Locale.ROOT, "== %s N=%d draw %d %s: draw and peer inputs in %s%n", dataset, n, draw, model, runDir);
                    }
                }
            }
        }
        Files.write(list, folders, StandardCharsets.UTF_8);
    }

    private static PeerInputs peerInputs(String model) {
        try {
            return PeerInputs.of(model);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void same(Path file, List<String> expected, String what) throws IOException {
        if (!Files.readAllLines(file, StandardCharsets.UTF_8).equals(expected)) {
            throw new IllegalStateException(file + " holds another " + what + " than this selection draws; use another --out");
        }
    }

    /** The peer's test accuracy and training seconds on this run's draw, or NaNs when it has not run. */
    private static double[] peerResult(Path runDir) throws IOException {
        Path file = runDir.resolve("peer/result.json");
        if (!Files.exists(file)) return new double[] {Double.NaN, Double.NaN};
        JsonNode result = Json.MAPPER.readTree(file.toFile());
        return new double[] {result.path("accuracy").asDouble(Double.NaN), result.path("train_seconds").asDouble(Double.NaN)};
    }

    /** A run that got as far as its decision (its results.json is rewritten after every candidate until then). */
    private static boolean finished(Path resultsFile) throws IOException {
        return Files.exists(resultsFile) && RunResults.read(resultsFile).provenance().finishedAt() != null;
    }

    private static void add(Map<String, List<double[]>> cells, String dataset, int n, String model, String strategy,
                            double[] figures) {
        cells.computeIfAbsent(key(dataset, n, model, strategy), k -> new ArrayList<>()).add(figures);
    }

    private static String key(String dataset, int n, String model, String strategy) {
        return dataset + "|" + String.format(Locale.ROOT, "%03d", n) + "|" + model + "|" + strategy;
    }

    /** Every strategy with its defaults only: the protocol measures what a user gets without tuning. */
    private static final Map<String, String> STRATEGIES = new LinkedHashMap<>();

    static {
        STRATEGIES.put("zero-shot", "{name: zero-shot, kind: zero-shot}");
        STRATEGIES.put("knn", "{name: knn, kind: few-shot, method: knn, select: similar}");
        STRATEGIES.put("prototype", "{name: prototype, kind: few-shot, method: prototype}");
        STRATEGIES.put("linear-probe", "{name: linear-probe, kind: linear-probe}");
        STRATEGIES.put("lora", "{name: lora, kind: lora}");
        STRATEGIES.put("full-finetune", "{name: full-finetune, kind: full-finetune}");
        STRATEGIES.put("contrastive", "{name: contrastive, kind: contrastive}");
    }

    /**
     * Strategies outside the protocol's default set, run with {@code --strategies}: zero-shot with its
     * template and label form searched on the training examples (issue 22), against plain zero-shot.
     */
    private static final Map<String, String> OPTIONAL = Map.of(
            "zero-shot-optimized", "{name: zero-shot-optimized, kind: zero-shot, optimize: true}");

    private static Path writeRun(Path runDir, List<String> train, List<String> test, String model, int seed,
                                 List<String> strategies) throws IOException {
        Files.createDirectories(runDir);
        Files.write(runDir.resolve("train.jsonl"), train, StandardCharsets.UTF_8);
        Files.write(runDir.resolve("test.jsonl"), test, StandardCharsets.UTF_8);
        Path config = runDir.resolve("hone.yaml");
        Files.writeString(config, config(model, seed, strategies, ""), StandardCharsets.UTF_8);
        return config;
    }

    private static String config(String model, int seed, List<String> strategies, String dataFolder) {
        StringBuilder yaml = new StringBuilder(String.join("\n",
                "task: {name: fewshot-bench, kind: classification}",
                "dataset: {train: " + dataFolder + "train.jsonl, test: " + dataFolder + "test.jsonl, text_field: text, label_field: label}",
                "model: " + model,
                "strategies:", ""));
        for (String name : strategies) yaml.append("  - ").append(STRATEGIES.getOrDefault(name, OPTIONAL.get(name))).append('\n');
        return yaml.append("evaluation: {repeats: 1, seed: ").append(7 + seed).append("}\n")
                .append("decision: {latency_budget_ms: ").append(NO_LATENCY_BUDGET).append("}\n").toString();
    }

    /**
     * Measures some strategies of a finished run again, on the same files and seed (so the same
     * validation split), and puts their candidates in place of the old ones in its results.json.
     */
    private static void rerun(Path runDir, String model, int seed, List<String> strategies) throws IOException {
        Path folder = runDir.resolve("rerun");
        Files.createDirectories(folder);
        Path config = folder.resolve("hone.yaml");
        Files.writeString(config, config(model, seed, strategies, "../"), StandardCharsets.UTF_8);
        Path rerunOut = folder.resolve("out");
        Hone.run(config, rerunOut);
        Path resultsFile = runDir.resolve("out/results.json");
        ObjectNode results = (ObjectNode) Json.MAPPER.readTree(resultsFile.toFile());
        JsonNode fresh = Json.MAPPER.readTree(rerunOut.resolve("results.json").toFile());
        if (!fresh.path("examples").path("validation").equals(results.path("examples").path("validation"))) {
            throw new IllegalStateException(runDir + ": the re-run drew another validation split; its candidates cannot replace the old ones");
        }
        ArrayNode candidates = (ArrayNode) results.path("candidates");
        for (JsonNode candidate : fresh.path("candidates")) {
            for (int i = 0; i < candidates.size(); i++) {
                if (candidates.get(i).path("name").equals(candidate.path("name"))) candidates.set(i, candidate);
            }
        }
        Json.PRETTY.writeValue(resultsFile.toFile(), results);
    }

    private static void writeTable(Map<String, List<double[]>> cells, VerdictStability stability,
                                   Path file, int draws) throws IOException {
        StringBuilder table = new StringBuilder();
        table.append("Few-shot protocol, ").append(LocalDate.now()).append(", up to ").append(draws)
                .append(" seeded draws per cell; test accuracy % mean ± sd, mean training seconds.\n\n")
                .append("| dataset | N | model | strategy | accuracy % | train s | draws |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (var cell : cells.entrySet()) {
            String[] key = cell.getKey().split("\\|");
            List<double[]> values = cell.getValue();
            double mean = values.stream().mapToDouble(v -> v[0]).average().orElse(0) * 100;
            double sd = Math.sqrt(values.stream().mapToDouble(v -> Math.pow(v[0] * 100 - mean, 2)).sum()
                    / Math.max(1, values.size() - 1));
            double seconds = values.stream().mapToDouble(v -> v[1]).average().orElse(0);
            int n = Integer.parseInt(key[1]);
            String strategy = key[3].equals("recommended")
                    ? "**Hone's recommendation** (" + stability.picks(key[0], n, key[2]) + ")" : key[3];
            table.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.1f ± %.1f | %.0f | %d |%n",
                    key[0], n, key[2], strategy, mean, sd, seconds, values.size()));
        }
        table.append('\n').append(stability.table());
        if (file == null) {
            PrintStream stdout = System.out;
            stdout.print(table);
        } else {
            Files.createDirectories(file.getParent());
            Files.writeString(file, table.toString(), StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    /** A dataset's train pool and test lines (the official test split, or a fixed seeded split where there is none). */
    record Splits(Map<String, List<String>> trainByLabel, List<String> test) {

        static Splits of(Path folder, int testLimit) throws IOException {
            List<String> train;
            List<String> test;
            if (Files.exists(folder.resolve("test.jsonl"))) {
                train = Files.readAllLines(folder.resolve("train.jsonl"), StandardCharsets.UTF_8);
                test = Files.readAllLines(folder.resolve("test.jsonl"), StandardCharsets.UTF_8);
            } else {
                List<String> all = new ArrayList<>(Files.readAllLines(folder.resolve("data.jsonl"), StandardCharsets.UTF_8));
                Collections.shuffle(all, new Random(0));
                int testSize = Math.min(2000, all.size() / 5);
                test = all.subList(0, testSize);
                train = all.subList(testSize, all.size());
            }
            Map<String, List<String>> byLabel = new TreeMap<>();
            for (String line : train) {
                if (line.isBlank()) continue;
                byLabel.computeIfAbsent(Json.MAPPER.readTree(line).path("label").asText(), k -> new ArrayList<>()).add(line);
            }
            List<String> lines = test.stream().filter(l -> !l.isBlank()).toList();
            List<String> kept = lines.subList(0, Math.min(testLimit, lines.size()));
            if (labels(kept).size() < labels(lines).size()) {
                // Test files sorted by label (banking77): the first lines would miss most labels, so sample.
                List<String> shuffled = new ArrayList<>(lines);
                Collections.shuffle(shuffled, new Random(0));
                kept = shuffled.subList(0, Math.min(testLimit, shuffled.size()));
            }
            return new Splits(byLabel, kept);
        }

        private static java.util.Set<String> labels(List<String> lines) throws IOException {
            java.util.Set<String> labels = new java.util.HashSet<>();
            for (String line : lines) labels.add(Json.MAPPER.readTree(line).path("label").asText());
            return labels;
        }

        /** N examples of every label (all of a label's examples when it has fewer), drawn with the given seed. */
        List<String> draw(int n, int seed) {
            List<String> drawn = new ArrayList<>();
            Random random = new Random(1000L + seed);
            for (List<String> lines : trainByLabel.values()) {
                List<String> copy = new ArrayList<>(lines);
                Collections.shuffle(copy, random);
                drawn.addAll(copy.subList(0, Math.min(n, copy.size())));
            }
            Collections.shuffle(drawn, random);
            return drawn;
        }
    }
}
