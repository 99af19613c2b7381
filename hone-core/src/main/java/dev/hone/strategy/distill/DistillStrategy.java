package dev.hone.strategy.distill;

import dev.hone.Prediction;
import dev.hone.dataset.Example;
import dev.hone.dataset.UnlabeledTexts;
import dev.hone.engine.train.TuningMethod;
import dev.hone.error.HoneException;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.Distillation;
import dev.hone.strategy.LlmUsage;
import dev.hone.strategy.LlmFineTune;
import dev.hone.strategy.Strategies;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.TrainingData;
import dev.hone.strategy.finetune.FineTuneConfig;
import dev.hone.strategy.finetune.FineTuneKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Distillation: the teacher (an LLM candidate, built as it would be on its own) labels every text
 * — the unlabeled file's, or the training texts with their labels hidden — and the student is
 * trained on those labels as the LoRA or full fine-tune it is ({@link FineTuneKind}), validated
 * (early stopping) on the real labelled validation split. Answers that match no label (an LLM
 * candidate gives them score 0) are dropped and counted.
 */
final class DistillStrategy implements Strategy {
    private final DistillConfig config;

    DistillStrategy(DistillConfig config) {
        this.config = config;
    }

    @Override
    public Candidate build(TrainingData data) {
        Candidate teacher = Strategies.of(config.teacher()).build(data);
        boolean fromTrain = config.unlabeled() == null;
        List<String> texts = fromTrain ? data.train().stream().map(Example::text).toList()
                : UnlabeledTexts.read(config.unlabeled(), config.textField());
        String where = "distill '" + config.name() + "': ";
        data.listener().message(where + "teacher '" + config.teacher().name() + "' labels " + texts.size() + " texts"
                + (fromTrain ? " (the training split, labels hidden)" : " from " + config.unlabeled()));
        LlmUsage before = teacher.llmUsage().orElseThrow(() -> new IllegalStateException("a teacher must ask an LLM"));
        List<Prediction> answers = teacher.predictBatch(texts);
        LlmUsage after = teacher.llmUsage().orElseThrow();

        List<Example> labelled = new ArrayList<>();
        int agreed = 0;
        for (int i = 0; i < texts.size(); i++) {
            Prediction answer = answers.get(i);
            if (answer.score() <= 0) continue; // the reply matched no label
            labelled.add(new Example(texts.get(i), answer.label(), "teacher label of " + (fromTrain ? data.train().get(i).location()
                    : config.unlabeled() + " text " + (i + 1))));
            if (fromTrain && answer.label().equals(data.train().get(i).label())) agreed++;
        }
        if (labelled.isEmpty()) {
            throw new HoneException(where + "none of the teacher's " + texts.size() + " answers named a label, so there is nothing "
                    + "to train the student on; check the teacher's prompt (its parse_failure_rate in results.json)");
        }
        long inputTokens = after.inputTokens() - before.inputTokens();
        long outputTokens = after.outputTokens() - before.outputTokens();
        double usd = (inputTokens * after.usdPerMillionInput() + outputTokens * after.usdPerMillionOutput()) / 1_000_000.0;
        Distillation distillation = new Distillation(config.teacher().name(), config.teacher().kind().id(),
                fromTrain ? "train split" : config.unlabeled().toString(), texts.size(), labelled.size(), texts.size() - labelled.size(),
                fromTrain ? agreed / (double) labelled.size() : Double.NaN, after.requests() - before.requests(),
                after.cachedRequests() - before.cachedRequests(), inputTokens, outputTokens, usd,
                teacher.llmFineTune().map(LlmFineTune::trainingUsd).orElse(0.0));
        data.listener().message(where + String.format(Locale.ROOT, "%d labelled, %d dropped (no label in the answer)%s; training the %s student",
                distillation.labelled(), distillation.dropped(),
                fromTrain ? String.format(Locale.ROOT, ", %.1f%% agree with the gold labels", 100 * distillation.agreementWithGold()) : "",
                config.student().method() == TuningMethod.FULL ? "full fine-tuned" : "LoRA"));

        TrainingData relabelled = data.withExamples(List.copyOf(labelled), data.validation());
        FineTuneKind studentKind = FineTuneKind.of(config.student().method());
        Candidate student = Strategies.of(new FineTuneConfig(config.name(), studentKind, config.student())).build(relabelled);
        return new DistilledCandidate(student, distillation);
    }
}
