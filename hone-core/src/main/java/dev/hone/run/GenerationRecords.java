package dev.hone.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.config.GenerateConfig;
import dev.hone.config.GenerationConfig;
import dev.hone.config.HoneConfig;
import dev.hone.dataset.GenerationData;
import dev.hone.dataset.GenerationExample;
import dev.hone.error.HoneException;
import dev.hone.generation.GenerationMetrics;
import dev.hone.generation.Judge;
import dev.hone.generation.LlmGenerator;
import dev.hone.generation.ScoredAnswer;
import dev.hone.json.Json;
import dev.hone.optimize.OptimizedCandidate;
import dev.hone.results.Decision;
import dev.hone.results.GenerationEvidence;
import dev.hone.results.GenerationResults;
import dev.hone.results.GeneratorResult;
import dev.hone.results.Provenance;
import dev.hone.results.ResultsJson;
import dev.hone.results.RunResults;
import dev.hone.results.Task;
import dev.hone.strategy.LlmUsage;
import dev.hone.strategy.llmfinetune.FineTunedFiles;
import dev.hone.verdict.GenerationVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The records of a generation run's results.json, made from what the run measured: per candidate
 * the LLM usage fields of an LLM classifier and a {@code generation} object with the test metrics,
 * the selection-split metrics and every test pair's answer, and for llm-finetune the {@code finetune}
 * block of a classification candidate. Scores that do not apply (no schema, no judge, no
 * retrieval) are null.
 */
final class GenerationRecords {
    private GenerationRecords() {
    }

    static GenerationResults results(HoneConfig config, GenerationConfig g, GenerationData data, Provenance provenance, List<GeneratorResult> candidates,
                                     RagKnowledgeBases bases, Judge judge, Decision decision) {
        var dataset = new GenerationResults.Dataset(g.dataset().train().toString(), g.dataset().test() == null
                ? "test_fraction " + g.dataset().testFraction() + " of train" : g.dataset().test().toString(), data.sha256(),
                data.train().size(), data.validation().size(), data.test().size(), data.skippedRows());
        var judged = judge == null ? null : new GenerationResults.Judge(judge.config().provider().name(),
                judge.config().provider().model(), judge.config().scale(), judge.config().rubric(), judge.graded(),
                judge.parseFailures(), judge.inputTokens(), judge.outputTokens());
        return new GenerationResults(RunResults.FORMAT_VERSION, new Task(config.task().name(), config.task().kind()), config.model(),
                dataset, bases.describe(), config.resolved(), provenance, judged, candidates,
                decision == null ? GenerationVerdict.pending(judge != null, data.validation().isEmpty()) : decision);
    }

    static GeneratorResult candidate(GenerationCandidate c) {
        LlmUsage u = c.usage();
        boolean timed = !Double.isNaN(u.latencyP95Ms());
        String latencySource = c.strategy().retrieval() != null
                ? "provider answer times (as first answered) plus retrieval, embedding included"
                : timed ? ClassificationRecords.LLM_LATENCY_SOURCE : null;
        double meanMs = c.testAnswers().stream().mapToDouble(ScoredAnswer::latencyMillis).average().orElse(Double.NaN);
        return new GeneratorResult(c.name(), c.strategy().kind().id(), c.strategy().provider().name(),
                ClassificationRecords.llmEvidence(u, false), timed ? u.latencyP50Ms() : null, timed ? u.latencyP95Ms() : null,
                latencySource, number(c.strategy().provider().maxConcurrency() * 1000.0 / Math.max(meanMs, 1e-9)),
                "provider max_concurrency requests in flight at the mean answer time", c.setupSeconds(),
                c.job() == null ? 0 : FineTunedFiles.adapterParameters(c.job()),
                c.encoderParameters(), c.strategy().kind().promptOnly(), c.usdPerPrediction(), c.upfrontUsd(),
                c.job() == null ? null : ClassificationRecords.job(c.job()),
                new GenerationEvidence(figures(c.test()), figures(c.selection()), c.testAnswers().stream().map(GenerationRecords::answer).toList()),
                c.optimization());
    }

    private static GenerationEvidence.Answer answer(ScoredAnswer a) {
        return new GenerationEvidence.Answer(a.input(), a.reference(), a.answer(), a.exactMatch(), a.tokenF1(), a.jsonValid(),
                number(a.judgeScore()), a.cited() == null ? null : a.retrieved(), a.cited(), number(a.recallAtK()),
                a.latencyMillis(), a.location());
    }

    private static GenerationEvidence.Figures figures(GenerationMetrics m) {
        return new GenerationEvidence.Figures(m.examples(), number(m.exactMatch()), number(m.tokenF1()), number(m.jsonValidRate()),
                number(m.judgeScore()), number(m.judgeNormalised()), m.judgeParseFailures(), number(m.citationRate()),
                number(m.recallAtK()));
    }

    /** A number, or null where it does not apply (JSON has no NaN). */
    private static Double number(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    /**
     * {@code generator.json}: the strategy as configured (provider without key), the prompt as it ran
     * ({@code prompt}: system and user templates, and rag's chunks per prompt — an {@code optimize:}
     * strategy's are those its search kept) and its demonstrations; for llm-finetune also its job and an
     * in-process job's adapters ({@link FineTunedFiles}); for an optimised strategy every trial
     * ({@link OptimizedCandidate#FILE}).
     */
    static void saveCandidate(Path directory, HoneConfig config, GenerationCandidate candidate, LlmGenerator generator) {
        ObjectNode root = Json.MAPPER.createObjectNode().put("format", "hone-generator-1")
                .put("name", candidate.name()).put("kind", candidate.strategy().kind().id()).put("model", config.model());
        if (config.resolvedStrategy(candidate.name()) != null) root.set("strategy", config.resolvedStrategy(candidate.name()));
        GenerateConfig asked = generator.config();
        ObjectNode prompt = root.putObject("prompt").put("system", asked.systemTemplate()).put("user", asked.userTemplate());
        if (asked.retrieval() != null) prompt.put("chunks", asked.retrieval().k());
        root.put("prompt_sha256", candidate.usage().promptSha256());
        ArrayNode pool = root.putArray("demonstration_pool");
        for (GenerationExample e : generator.demonstrationPool()) pool.addObject().put("input", e.input()).put("output", e.reference());
        try {
            Files.createDirectories(directory);
            Json.PRETTY.writeValue(directory.resolve("generator.json").toFile(), root);
        } catch (IOException e) {
            throw new HoneException("cannot write " + directory.resolve("generator.json") + ": " + e.getMessage(), e);
        }
        if (candidate.job() != null) FineTunedFiles.save(candidate.job(), directory);
        if (candidate.optimization() != null) {
            Path file = directory.resolve(OptimizedCandidate.FILE);
            try {
                Json.PRETTY.writeValue(file.toFile(), ResultsJson.toTree(candidate.optimization()));
            } catch (IOException e) {
                throw new HoneException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
