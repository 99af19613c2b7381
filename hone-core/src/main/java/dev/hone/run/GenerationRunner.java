package dev.hone.run;

import dev.hone.config.GenerateConfig;
import dev.hone.config.GenerationConfig;
import dev.hone.config.HoneConfig;
import dev.hone.dataset.GenerationData;
import dev.hone.dataset.GenerationDatasetReader;
import dev.hone.dataset.GenerationExample;
import dev.hone.engine.model.EncoderModel;
import dev.hone.error.BadInputException;
import dev.hone.evaluation.JsonSchemaValidator;
import dev.hone.generation.AnswerScorer;
import dev.hone.generation.Generation;
import dev.hone.generation.GenerationMetrics;
import dev.hone.generation.GenerationPromptSearch;
import dev.hone.generation.Generators;
import dev.hone.generation.Judge;
import dev.hone.generation.LlmGenerator;
import dev.hone.generation.ScoredAnswer;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.ProviderPool;
import dev.hone.results.Decision;
import dev.hone.results.GenerationResults;
import dev.hone.results.GeneratorResult;
import dev.hone.results.Provenance;
import dev.hone.strategy.LlmFineTune;
import dev.hone.strategy.llmfinetune.FineTuneJobRunner;
import dev.hone.verdict.GenerationVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A {@code task.kind: generation} run: read the input → reference pairs, index the rag strategies'
 * documents, then for each strategy (after llm-finetune's job trained the model on the training
 * pairs, or was found finished in the job ledger) answer the selection pairs (validation, or test
 * when the data is too small for one) and the test pairs, score every answer, and recommend by the primary
 * metric on the selection pairs. {@code results.json} keeps the contract's top level with a
 * {@code generation} object per candidate; it is rewritten after every candidate.
 */
public final class GenerationRunner {
    private final Function<String, EncoderModel> modelLoader;
    private final RunListener listener;
    private final Function<ProviderConfig, ? extends Provider> connect;

    /** @param connect opens one {@code providers:} entry, at most once per run (see {@link Runner}) */
    public GenerationRunner(Function<String, EncoderModel> modelLoader, RunListener listener,
                            Function<ProviderConfig, ? extends Provider> connect) {
        this.modelLoader = modelLoader;
        this.listener = listener;
        this.connect = connect;
    }

    RunResult run(HoneConfig config, GenerationConfig generation, Path out, boolean skipBadRows) {
        // Generators and the judge share one connection per providers: entry, closed however the run ends.
        try (ProviderPool providers = new ProviderPool(connect)) {
            return generate(config, generation, out, skipBadRows, providers);
        }
    }

    private RunResult generate(HoneConfig config, GenerationConfig generation, Path out, boolean skipBadRows, ProviderPool providers) {
        Runner.prepareOutput(out, true);
        long seed = config.evaluation().seed();
        GenerationData data = new GenerationDatasetReader(generation.dataset(), skipBadRows).load(seed);
        listener.message(String.format(Locale.ROOT, "data: %d train, %d validation, %d test pairs%s", data.train().size(),
                data.validation().size(), data.test().size(), data.skippedRows() > 0 ? " (" + data.skippedRows() + " bad rows skipped)" : ""));
        if (data.validation().isEmpty()) listener.message("check: no validation split (too few training pairs); choosing on test");
        checkSourcesExist(generation, data);
        boolean needsEncoder = generation.strategies().stream().anyMatch(s -> s.retrieval() != null || (s.k() > 0 && "similar".equals(s.select())));
        EncoderModel model = null;
        if (needsEncoder) {
            listener.message("model: loading " + config.model());
            model = modelLoader.apply(config.model());
        }
        Provenance provenance = Provenance.now(seed, data.sha256(), config.model());
        JsonSchemaValidator schema = generation.jsonSchema() == null ? null : new JsonSchemaValidator(generation.jsonSchema());
        Judge judge = generation.judge() == null ? null : new Judge(generation.judge(), providers.provider(generation.judge().provider()));
        List<GeneratorResult> results = new ArrayList<>();
        Path resultsFile = out.resolve("results.json");
        try (RagKnowledgeBases bases = RagKnowledgeBases.open(generation.strategies(), model, out, listener)) {
            for (GenerateConfig strategy : generation.strategies()) {
                listener.message("candidate: " + strategy.name() + " (" + strategy.kind().id() + ")");
                LlmFineTune job = strategy.tuning() == null ? null : new FineTuneJobRunner(strategy.tuning())
                        .run(Generators.trainingChats(strategy, data.train()), providers, listener.training(strategy.name(), 0));
                GenerateConfig asking = job == null ? strategy : strategy.askingModel(job.fineTunedModel());
                GenerationPromptSearch.Result searched = asking.optimize() == null ? null : GenerationPromptSearch.search(asking,
                        data.train(), model, bases.session(strategy), seed, providers, generation.judge(), listener::message);
                LlmGenerator generator = searched == null
                        ? Generators.build(asking, data.train(), model, bases.session(strategy), seed, providers.provider(asking.provider()))
                        : Generators.build(searched, data.train(), model, bases.session(strategy), seed, providers.provider(asking.provider()));
                GenerateConfig asked = generator.config();
                AnswerScorer scorer = new AnswerScorer(schema, asked.retrieval() == null ? 0 : asked.retrieval().k());
                List<ScoredAnswer> test = answer(generator, data.test(), scorer, judge);
                List<ScoredAnswer> selection = data.validation().isEmpty() ? test : answer(generator, data.validation(), scorer, judge);
                GenerationCandidate candidate = new GenerationCandidate(strategy, metrics(selection, judge), metrics(test, judge), test,
                        generator.usage(), (job == null ? bases.indexSeconds(strategy, generation.strategies()) : job.jobSeconds())
                                + (searched == null ? 0 : searched.evidence().seconds()),
                        model == null ? 0 : model.info().parameters(), job, searched == null ? null : searched.evidence());
                results.add(GenerationRecords.candidate(candidate));
                listener.message(String.format(Locale.ROOT, "  test: exact match %.3f, token F1 %.3f%s, p50 %.0f ms",
                        candidate.test().exactMatch(), candidate.test().tokenF1(),
                        Double.isNaN(candidate.test().judgeScore()) ? "" : String.format(Locale.ROOT, ", judge %.2f", candidate.test().judgeScore()),
                        candidate.usage().latencyP50Ms()));
                GenerationRecords.saveCandidate(out.resolve("candidates").resolve(strategy.name()), config, candidate, generator);
                GenerationRecords.results(config, generation, data, provenance, results, bases, judge, null).write(resultsFile);
            }
            Decision decision = GenerationVerdict.decide(results, config.decision(), judge != null, data.validation().isEmpty(),
                    data.selection().size(), GenerationDatasetReader.MIN_VALIDATION);
            GenerationResults finished = GenerationRecords.results(config, generation, data, provenance.finished(Instant.now()), results, bases,
                    judge, decision);
            finished.write(resultsFile);
            return new RunResult(out, finished);
        }
    }

    private static List<ScoredAnswer> answer(LlmGenerator generator, List<GenerationExample> pairs, AnswerScorer scorer, Judge judge) {
        List<Generation> generations = generator.generate(pairs.stream().map(GenerationExample::input).toList());
        List<Double> grades = judge == null ? Collections.nCopies(pairs.size(), Double.NaN)
                : judge.grade(pairs.stream().map(GenerationExample::input).toList(), pairs.stream().map(GenerationExample::reference).toList(),
                        generations.stream().map(Generation::answer).toList());
        List<ScoredAnswer> scored = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) scored.add(scorer.score(pairs.get(i), generations.get(i), grades.get(i)));
        return scored;
    }

    private static GenerationMetrics metrics(List<ScoredAnswer> answers, Judge judge) {
        return judge == null ? GenerationMetrics.of(answers, 0, 1, false)
                : GenerationMetrics.of(answers, judge.config().lowest(), judge.config().highest(), true);
    }

    /** A pair naming a source that is not among any rag strategy's documents could never be retrieved: say so before indexing. */
    private static void checkSourcesExist(GenerationConfig generation, GenerationData data) {
        List<Path> folders = generation.strategies().stream().filter(s -> s.retrieval() != null && s.retrieval().documents() != null)
                .map(s -> s.retrieval().documents()).distinct().toList();
        if (folders.isEmpty()) return;
        List<GenerationExample> all = new ArrayList<>(data.train());
        all.addAll(data.validation());
        all.addAll(data.test());
        for (GenerationExample pair : all) {
            for (String source : pair.sources()) {
                if (folders.stream().noneMatch(f -> Files.isRegularFile(f.resolve(source)))) {
                    throw new BadInputException(pair.location() + ": source '" + source + "' is not a file under " + folders.get(0)
                            + "; sources are paths relative to the rag strategy's documents folder");
                }
            }
        }
    }
}
