package dev.hone.generation;

import dev.hone.config.GenerateConfig;
import dev.hone.config.JudgeConfig;
import dev.hone.dataset.GenerationExample;
import dev.hone.dataset.Splits;
import dev.hone.engine.model.TextEncoder;
import dev.hone.evaluation.AnswerMetrics;
import dev.hone.optimize.DemonstrationMoves;
import dev.hone.optimize.InstructionProposer;
import dev.hone.optimize.OptimizeConfig;
import dev.hone.optimize.RequestBudget;
import dev.hone.optimize.ScoringSplit;
import dev.hone.optimize.TrialHistory;
import dev.hone.provider.Provider;
import dev.hone.provider.ProviderPool;
import dev.hone.results.OptimizationEvidence;
import dev.hone.retrieval.SearchMode;
import dev.hone.retrieval.SearchSession;
import dev.hone.strategy.Demonstrations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Prompt search for {@code llm-generate} and {@code rag}, under the request and dollar budget of the
 * LLM classification routes ({@link RequestBudget}): the build's training pairs are split, seeded,
 * into a scoring part ({@link ScoringSplit}), on which every prompt answers and is scored by the
 * run's own primary metric (the judge's normalised grade when a judge is configured — its requests
 * count against the budget too — else token F1), and a pool the demonstrations come from. Validation
 * and test are never given to it.
 *
 * <ul>
 * <li>rag first tries other numbers of chunks per prompt: one fewer, one more, half and double the
 * configured {@code k};</li>
 * <li>{@code bootstrap-few-shot} tries pool pairs in or out of the demonstrations ({@link DemonstrationMoves});</li>
 * <li>{@code instruction-search} asks the proposer for a new system instruction from the scored history
 * ({@link InstructionProposer}); for rag, the context passages are added after it when the user template
 * does not place them.</li>
 * </ul>
 * A change is kept only when the score rises (exact match breaks ties; the configured prompt wins exact ties).
 */
public final class GenerationPromptSearch {
    /** Demonstrations bootstrap may give a route that has none configured. */
    static final int DEMONSTRATIONS_WITHOUT_K = 4;
    static final String CONTEXT_AFTER_INSTRUCTION = "\n\nContext:\n{context}";

    /**
     * The kept prompt.
     *
     * @param config         the strategy with the kept system template and, for rag, chunks per prompt
     * @param demonstrations the kept demonstrations; null when they are the configured selection
     */
    public record Result(GenerateConfig config, List<GenerationExample> demonstrations, OptimizationEvidence evidence) {
    }

    /** One scored prompt; demonstrations null means the configured per-input selection (select: similar). */
    private record Scored(String system, List<GenerationExample> demonstrations, int chunks, double score, double exactMatch,
                          List<String> answers) {
        boolean beats(Scored other) {
            return score != other.score ? score > other.score + 1e-12 : exactMatch > other.exactMatch + 1e-12;
        }
    }

    private final GenerateConfig config;
    private final OptimizeConfig optimize;
    private final List<GenerationExample> train;
    private final TextEncoder encoder;
    private final SearchSession session;
    private final long seed;
    private final RequestBudget budget;
    private final Provider route;
    private final Judge judge;
    private final InstructionProposer instructions;
    private final List<GenerationExample> scoring;
    private final List<GenerationExample> pool;
    private final Consumer<String> messages;
    private final TrialHistory<Scored> history = new TrialHistory<>(Scored::beats, Scored::score);

    private GenerationPromptSearch(GenerateConfig config, List<GenerationExample> train, TextEncoder encoder, SearchSession session,
                                   long seed, ProviderPool providers, JudgeConfig judge, Consumer<String> messages) {
        this.config = config;
        this.optimize = config.optimize();
        this.train = train;
        this.encoder = encoder;
        this.session = session;
        this.seed = seed;
        this.messages = messages;
        this.budget = new RequestBudget(optimize.maxRequests(), optimize.maxUsd());
        this.route = budget.wrap(providers.provider(config.provider()));
        this.judge = judge == null ? null : new Judge(judge, budget.wrap(providers.provider(judge.provider())));
        this.instructions = new InstructionProposer(budget.wrap(providers.provider(optimize.proposer())),
                "an assistant that answers inputs", "Input", "Reference answer", metric() + " on held-out pairs", optimize.seed());
        ScoringSplit<GenerationExample> split = ScoringSplit.of(train, optimize.seed(),
                optimize.method().selectsDemonstrations() || config.k() > 0, optimize.maxRequests(), judge == null ? 1 : 2);
        this.scoring = split.scoring();
        this.pool = split.pool();
    }

    /**
     * Searches {@code config}'s prompt (its {@code optimize} block must be set) on {@code train} only.
     *
     * @param encoder  the in-process encoder, for {@code select: similar}; null otherwise
     * @param session  rag's open knowledge base; null for llm-generate
     * @param judge    the run's judge, whose grade is then the score; null to score token F1
     * @param messages progress lines for the run's listener
     */
    public static Result search(GenerateConfig config, List<GenerationExample> train, TextEncoder encoder, SearchSession session,
                                long seed, ProviderPool providers, JudgeConfig judge, Consumer<String> messages) {
        if (config.optimize() == null) throw new IllegalArgumentException("strategy '" + config.name() + "' has no optimize block");
        return new GenerationPromptSearch(config, train, encoder, session, seed, providers, judge, messages).run();
    }

    private Result run() {
        long started = System.nanoTime();
        int configuredChunks = chunks();
        List<GenerationExample> configured = config.k() == 0 ? List.of()
                : "similar".equals(config.select()) ? null : Demonstrations.random(pool, config.k(), seed).savedPool();
        try {
            if (!history.record(null, "the configured prompt", score(config.systemTemplate(), configured, configuredChunks))) {
                throw new IllegalStateException("the budget did not allow scoring the configured prompt");
            }
            if (config.retrieval() != null) searchChunks();
            boolean both = optimize.method().searchesInstructions() && optimize.method().selectsDemonstrations();
            if (optimize.method().selectsDemonstrations()) bootstrap(both ? optimize.maxTrials() / 2 : optimize.maxTrials());
            if (optimize.method().searchesInstructions()) searchInstructions();
        } catch (RequestBudget.Exhausted | IllegalStateException e) {
            messages.accept("  prompt search stopped: " + e.getMessage());
        }
        if (history.isEmpty()) {
            return new Result(config, null, evidence(written(config.systemTemplate(), configured, configuredChunks),
                    written(config.systemTemplate(), configured, configuredChunks), started));
        }
        Scored kept = history.best();
        messages.accept(String.format(Locale.ROOT, "  prompt search: %d trials, %d requests ($%.4f) on %d training pairs; "
                + "kept trial %d (%s %.3f, the configured prompt %.3f)", history.size(), budget.requests(), budget.usd(), scoring.size(),
                history.bestId(), metric(), kept.score(), history.configured().score()));
        boolean demonstrationsChanged = kept.demonstrations() != null && !kept.demonstrations().equals(configured);
        return new Result(config.withPrompt(kept.system(), kept.chunks()), demonstrationsChanged ? kept.demonstrations() : null,
                evidence(written(config.systemTemplate(), configured, configuredChunks),
                        written(kept.system(), kept.demonstrations(), kept.chunks()), started));
    }

    /** rag: one fewer, one more, half and double the configured chunks per prompt (at least one). */
    private void searchChunks() {
        int k = chunks();
        Set<Integer> tried = new LinkedHashSet<>(List.of(k - 1, k + 1, k / 2, 2 * k));
        for (int chunks : tried) {
            if (chunks < 1 || chunks == k) continue;
            if (history.size() >= optimize.maxTrials() || !affords(0)) return;
            Scored current = history.best();
            if (!history.record(history.bestId(), "chunks per prompt: " + chunks, score(current.system(), current.demonstrations(), chunks))) return;
        }
    }

    private void bootstrap(int trialBudget) {
        List<GenerationExample> configured = history.configured().demonstrations();
        if (configured == null) return;
        DemonstrationMoves<GenerationExample> moves = new DemonstrationMoves<>(config.k() > 0 ? config.k() : DEMONSTRATIONS_WITHOUT_K,
                e -> DemonstrationMoves.quote(e.input(), e.reference()));
        for (GenerationExample candidate : Splits.shuffle(pool, new SplittableRandom(optimize.seed() + 1))) {
            if (history.size() >= trialBudget || !affords(0)) return;
            Scored current = history.best();
            DemonstrationMoves.Move<GenerationExample> move = moves.next(current.demonstrations(), candidate);
            if (!history.record(history.bestId(), move.change(), score(current.system(), move.demonstrations(), current.chunks()))) return;
        }
    }

    private void searchInstructions() {
        while (history.size() < optimize.maxTrials() && affords(1)) {
            String instruction = propose();
            if (instruction.isBlank()) continue;
            boolean placesContext = config.retrieval() == null || config.userTemplate().contains("{context}") || instruction.contains("{context}");
            String system = placesContext ? instruction : instruction + CONTEXT_AFTER_INSTRUCTION;
            Scored current = history.best();
            if (!history.record(history.bestId(), "instruction: " + InstructionProposer.oneLine(instruction),
                    score(system, current.demonstrations(), current.chunks()))) return;
        }
    }

    private String propose() {
        String task = "Task: answer each input as its reference answer does"
                + (config.retrieval() == null ? "." : ", from numbered context passages retrieved for it (added after the instruction).");
        List<InstructionProposer.Shown> examples = (pool.isEmpty() ? scoring : pool).stream()
                .map(e -> new InstructionProposer.Shown(e.input(), e.reference(), null)).toList();
        List<InstructionProposer.Tried> tried = history.scored().stream()
                .map(s -> new InstructionProposer.Tried(s.system().replace(CONTEXT_AFTER_INSTRUCTION, ""), s.score(), s.exactMatch())).toList();
        Scored current = history.best();
        List<InstructionProposer.Shown> mistakes = new ArrayList<>();
        for (int i = 0; i < scoring.size(); i++) {
            if (AnswerMetrics.exactMatch(current.answers().get(i), scoring.get(i).reference()) == 1) continue;
            mistakes.add(new InstructionProposer.Shown(scoring.get(i).input(), scoring.get(i).reference(), current.answers().get(i)));
        }
        return instructions.propose(task, examples, tried, mistakes,
                config.retrieval() == null ? "" : "the retrieved passages are added after it.", history.size());
    }

    /** Whether a trial (plus {@code extra} proposer requests) still fits the budget. */
    private boolean affords(int extra) {
        return budget.allows((long) scoring.size() * (judge == null ? 1 : 2) + extra);
    }

    /** The prompt's answers on the scoring pairs, scored; null when the budget does not cover them. */
    private Scored score(String system, List<GenerationExample> demonstrations, int chunks) {
        if (!affords(0)) return null;
        GenerateConfig trial = config.withPrompt(system, chunks);
        Demonstrations<GenerationExample> shown = demonstrations != null ? Demonstrations.fixed(demonstrations)
                : Demonstrations.similar(pool, GenerationExample::input, config.k(), encoder);
        ContextRetriever retriever = trial.retrieval() == null ? null
                : new ContextRetriever(session, chunks, SearchMode.parse(trial.retrieval().mode()));
        LlmGenerator generator = new LlmGenerator(trial, route, shown, retriever, seed);
        List<String> inputs = scoring.stream().map(GenerationExample::input).toList();
        List<Generation> generations = generator.generate(inputs);
        List<String> answers = generations.stream().map(Generation::answer).toList();
        List<Double> grades = judge == null ? Collections.nCopies(scoring.size(), Double.NaN)
                : judge.grade(inputs, scoring.stream().map(GenerationExample::reference).toList(), answers);
        AnswerScorer scorer = new AnswerScorer(null, trial.retrieval() == null ? 0 : chunks);
        List<ScoredAnswer> answered = new ArrayList<>();
        for (int i = 0; i < scoring.size(); i++) answered.add(scorer.score(scoring.get(i), generations.get(i), grades.get(i)));
        GenerationMetrics metrics = judge == null ? GenerationMetrics.of(answered, 0, 1, false)
                : GenerationMetrics.of(answered, judge.config().lowest(), judge.config().highest(), true);
        return new Scored(system, demonstrations == null ? null : List.copyOf(demonstrations), chunks, metrics.primary(),
                Double.isNaN(metrics.exactMatch()) ? 0 : metrics.exactMatch(), answers);
    }

    private int chunks() {
        return config.retrieval() == null ? 0 : config.retrieval().k();
    }

    private String metric() {
        return judge == null ? "token F1" : "judge score (0–1)";
    }

    private OptimizationEvidence evidence(String before, String after, long started) {
        boolean instructionsSearched = optimize.method().searchesInstructions();
        boolean demonstrationsSearched = optimize.method().selectsDemonstrations() && history.scored().stream().findFirst()
                .map(s -> s.demonstrations() != null).orElse(true);
        String target = instructionsSearched && demonstrationsSearched ? "instruction and demonstrations"
                : instructionsSearched ? "instruction" : "demonstrations";
        if (config.retrieval() != null) target += " and chunks per prompt";
        return new OptimizationEvidence(optimize.method().id(), target, metric() + " on " + scoring.size() + " of the " + train.size()
                + " training pairs of this build (demonstrations come from the other " + pool.size() + "; validation and test are never read)",
                scoring.size(), before, after, history.bestId(), optimize.maxTrials(), history.trials(), budget.requests(), budget.inputTokens(),
                budget.outputTokens(), budget.usd(), (System.nanoTime() - started) / 1e9);
    }

    /** The prompt as it runs: the system template, each demonstration as a line, and rag's chunks per prompt. */
    private String written(String system, List<GenerationExample> demonstrations, int chunks) {
        StringBuilder text = new StringBuilder(system.strip());
        if (!GenerateConfig.DEFAULT_USER.equals(config.userTemplate())) text.append("\nuser: ").append(config.userTemplate().strip());
        if (demonstrations == null) {
            text.append("\ndemonstrations: the ").append(config.k()).append(" most similar training pairs per input");
        } else {
            for (GenerationExample e : demonstrations) {
                text.append("\ndemonstration: ").append(InstructionProposer.oneLine(e.input())).append(" → ")
                        .append(InstructionProposer.oneLine(e.reference()));
            }
        }
        if (chunks > 0) text.append("\nchunks per prompt: ").append(chunks);
        return text.toString();
    }
}
