package dev.hone.strategy.llmfinetune;

import dev.hone.strategy.Candidate;
import dev.hone.strategy.LlmFineTune;
import dev.hone.strategy.Strategies;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.TrainingData;
import dev.hone.strategy.llm.LlmConfig;
import dev.hone.strategy.llm.LlmPrompt;

/**
 * llm-finetune for classification: the training split, each text asked with the strategy's
 * templates and answered with its label, goes through a resumable job ({@link FineTuneJobRunner});
 * the fine-tuned model then answers as an llm-zero-shot candidate with the same templates.
 */
final class LlmFineTuneStrategy implements Strategy {
    private final LlmFineTuneConfig config;

    LlmFineTuneStrategy(LlmFineTuneConfig config) {
        this.config = config;
    }

    @Override
    public Candidate build(TrainingData data) {
        LlmPrompt prompt = new LlmPrompt(config.systemTemplate(), config.userTemplate(), LlmConfig.DEFAULT_DEMONSTRATION,
                data.labels(), data.descriptions());
        LlmFineTune job = new FineTuneJobRunner(config.job()).run(ChatTrainingFile.of(data.train(), prompt), data.providers(),
                data.listener());
        Candidate answering = Strategies.of(config.answering(job.fineTunedModel())).build(data);
        return new LlmFineTuneCandidate(answering, job);
    }
}
