package dev.hone.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.Prediction;
import dev.hone.dataset.Example;
import dev.hone.engine.model.EncoderInfo;
import dev.hone.engine.model.EncoderModel;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.model.TunedEncoder;
import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.LabelledTexts;
import dev.hone.engine.train.SentencePair;
import dev.hone.engine.train.TrainingListener;
import dev.hone.engine.train.TunedClassifier;
import dev.hone.json.Json;
import dev.hone.optimize.OptimizeConfig;
import dev.hone.optimize.OptimizeMethod;
import dev.hone.provider.ProviderPool;
import dev.hone.results.OptimizationEvidence;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.Strategies;
import dev.hone.strategy.TrainingData;
import dev.hone.strategy.zeroshot.ZeroShotConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 22's measure: {@code zero-shot} against {@code zero-shot} with {@code optimize: true} on the
 * few-shot protocol's draws (the same datasets, N and seeded draws as {@link FewShotBench}). Both
 * candidates are built by the route's own code ({@link Strategies}) from the draw's training examples
 * only, and predict the same test texts; the draw changes only what the search scores on.
 *
 * <p>Unlike FewShotBench it does not run the verdict around them: the two candidates are what a run
 * would build on all N examples, and an encoder that remembers each text's embedding lets the test
 * texts be embedded once per dataset instead of twice per draw, so the whole protocol takes minutes.
 *
 * <p>Arguments: {@code --datasets a,b --n 8,64 --draws 5 --models m1,m2 --test-limit 1000
 * --datasets-dir DIR --out FILE}.
 */
public final class PromptSearchBench {
    private PromptSearchBench() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = FewShotBench.options(args);
        Protocol protocol = Protocol.of(options);
        Path out = Path.of(options.getOrDefault("out", "bench/fewshot/runs/prompt-search.md"));

        StringBuilder table = new StringBuilder("Prompt search (issue 22), ").append(LocalDate.now()).append(", ").append(protocol.draws())
                .append(" draws, test accuracy (%)\n\n| model | dataset | N | zero-shot | optimised (mean ± sd) | Δ | draws better / worse | kept most often |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---|\n");
        List<Double> deltas = new ArrayList<>();
        for (String model : protocol.models()) {
            CachingEncoder encoder = new CachingEncoder(Encoders.load(model));
            for (String dataset : protocol.datasets()) {
                FewShotBench.Splits splits = FewShotBench.Splits.of(protocol.datasetsDir().resolve(dataset), protocol.testLimit());
                List<String> labels = List.copyOf(splits.trainByLabel().keySet());
                List<Example> test = examples(splits.test());
                List<String> testTexts = test.stream().map(Example::text).toList();
                double plain = accuracy(build(encoder, labels, List.of(), 0, null).predictBatch(testTexts), test);
                for (int n : protocol.sizes()) {
                    List<Double> optimised = new ArrayList<>();
                    Map<String, Integer> kept = new HashMap<>();
                    int better = 0;
                    int worse = 0;
                    for (int draw = 0; draw < protocol.draws(); draw++) {
                        List<Example> train = examples(splits.draw(n, draw));
                        Candidate candidate = build(encoder, labels, train, draw,
                                OptimizeConfig.forEncoder(OptimizeMethod.INSTRUCTION_SEARCH, OptimizeConfig.DEFAULT_MAX_TRIALS, draw));
                        double accuracy = accuracy(candidate.predictBatch(testTexts), test);
                        OptimizationEvidence evidence = candidate.optimization().orElseThrow();
                        kept.merge(evidence.trials().get(evidence.bestTrial()).prompt(), 1, Integer::sum);
                        optimised.add(accuracy);
                        better += accuracy > plain ? 1 : 0;
                        worse += accuracy < plain ? 1 : 0;
                        System.out.printf(Locale.ROOT, "%s %s N=%d draw %d: zero-shot %.1f, optimised %.1f (%s)%n", model, dataset, n, draw,
                                100 * plain, 100 * accuracy, evidence.trials().get(evidence.bestTrial()).prompt());
                    }
                    double mean = optimised.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                    double sd = Math.sqrt(optimised.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum() / Math.max(1, optimised.size() - 1));
                    deltas.add(mean - plain);
                    String often = kept.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
                    table.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f ± %.1f | %+.1f | %d / %d | %s |%n", model, dataset, n,
                            100 * plain, 100 * mean, 100 * sd, 100 * (mean - plain), better, worse, often.replace("|", "\\|")));
                }
            }
        }
        table.append(String.format(Locale.ROOT, "%nMean Δ over the %d cells: %+.2f points (lowest %+.1f, highest %+.1f).%n", deltas.size(),
                100 * deltas.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
                100 * deltas.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                100 * deltas.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        System.out.println();
        System.out.print(table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table.toString(), StandardCharsets.UTF_8);
    }

    private static Candidate build(EncoderModel encoder, List<String> labels, List<Example> train, long seed, OptimizeConfig optimize) {
        TrainingData data = new TrainingData(encoder, train, List.of(), labels, Map.of(), seed, TrainingListener.NONE,
                new ProviderPool(config -> {
                    throw new IllegalStateException("zero-shot asks no LLM");
                }));
        return Strategies.of(new ZeroShotConfig(optimize == null ? "zero-shot" : "zero-shot-optimized", ZeroShotConfig.DEFAULT_TEMPLATE,
                optimize)).build(data);
    }

    private static List<Example> examples(List<String> lines) throws IOException {
        List<Example> examples = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = Json.MAPPER.readTree(line);
            examples.add(new Example(node.path("text").asText(), node.path("label").asText(), "line " + (examples.size() + 1)));
        }
        return examples;
    }

    private static double accuracy(List<Prediction> predictions, List<Example> truth) {
        int right = 0;
        for (int i = 0; i < truth.size(); i++) right += predictions.get(i).label().equals(truth.get(i).label()) ? 1 : 0;
        return (double) right / truth.size();
    }

    /** The pretrained encoder, remembering each text's embedding: zero-shot only ever embeds. */
    private static final class CachingEncoder implements EncoderModel {
        private final EncoderModel encoder;
        private final Map<String, float[]> embeddings = new HashMap<>();

        CachingEncoder(EncoderModel encoder) {
            this.encoder = encoder;
        }

        @Override
        public EncoderInfo info() {
            return encoder.info();
        }

        @Override
        public float[][] embed(List<String> texts) {
            List<String> missing = texts.stream().filter(t -> !embeddings.containsKey(t)).distinct().toList();
            if (!missing.isEmpty()) {
                float[][] fresh = encoder.embed(missing);
                for (int i = 0; i < fresh.length; i++) embeddings.put(missing.get(i), fresh[i]);
            }
            float[][] rows = new float[texts.size()][];
            for (int i = 0; i < rows.length; i++) rows[i] = embeddings.get(texts.get(i)).clone();
            return rows;
        }

        @Override
        public int countTokens(String text) {
            return encoder.countTokens(text);
        }

        @Override
        public TunedClassifier trainClassifier(LabelledTexts train, LabelledTexts validation, int numberOfClasses, FineTuneOptions options,
                                               TrainingListener listener) {
            throw new UnsupportedOperationException("zero-shot trains nothing");
        }

        @Override
        public TunedEncoder trainContrastive(List<SentencePair> pairs, FineTuneOptions options, TrainingListener listener) {
            throw new UnsupportedOperationException("zero-shot trains nothing");
        }

        @Override
        public TunedClassifier loadClassifier(Path directory) {
            throw new UnsupportedOperationException("zero-shot loads nothing");
        }

        @Override
        public TunedEncoder loadEncoder(Path directory) {
            throw new UnsupportedOperationException("zero-shot loads nothing");
        }
    }
}
