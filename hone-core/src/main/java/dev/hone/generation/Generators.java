package dev.hone.generation;

import dev.hone.config.GenerateConfig;
import dev.hone.dataset.GenerationExample;
import dev.hone.engine.model.TextEncoder;
import dev.hone.provider.ChatMessage;
import dev.hone.provider.Provider;
import dev.hone.retrieval.SearchMode;
import dev.hone.retrieval.SearchSession;
import dev.hone.strategy.Demonstrations;
import dev.hone.strategy.llmfinetune.TrainingChat;
import java.util.ArrayList;
import java.util.List;

/** Builds a strategy's generator: picks its demonstrations, asks through the given provider, attaches its knowledge base. */
public final class Generators {
    private Generators() {
    }

    /**
     * @param train    the pool demonstrations are drawn from (never validation or test)
     * @param encoder  the in-process encoder, for {@code select: similar}
     * @param session  the open knowledge base of a rag strategy; null for llm-generate
     * @param provider the connection to {@code config.provider()} (the run's, which the generator does not close)
     */
    public static LlmGenerator build(GenerateConfig config, List<GenerationExample> train, TextEncoder encoder,
                                     SearchSession session, long seed, Provider provider) {
        Demonstrations<GenerationExample> demonstrations = config.k() == 0 ? Demonstrations.none()
                : "similar".equals(config.select()) ? Demonstrations.similar(train, GenerationExample::input, config.k(), encoder)
                : Demonstrations.random(train, config.k(), seed);
        return build(config, demonstrations, session, seed, provider);
    }

    /**
     * The generator of a strategy whose prompt search kept {@code searched}: its system template and
     * chunks per prompt are in {@code searched.config()}, its demonstrations those the search kept
     * (or, when it kept the configured ones, drawn as {@link #build} draws them).
     */
    public static LlmGenerator build(GenerationPromptSearch.Result searched, List<GenerationExample> train, TextEncoder encoder,
                                     SearchSession session, long seed, Provider provider) {
        return searched.demonstrations() == null ? build(searched.config(), train, encoder, session, seed, provider)
                : build(searched.config(), Demonstrations.fixed(searched.demonstrations()), session, seed, provider);
    }

    private static LlmGenerator build(GenerateConfig config, Demonstrations<GenerationExample> demonstrations, SearchSession session,
                                      long seed, Provider provider) {
        ContextRetriever retriever = config.retrieval() == null ? null
                : new ContextRetriever(session, config.retrieval().k(), SearchMode.parse(config.retrieval().mode()));
        return new LlmGenerator(config, provider, demonstrations, retriever, seed);
    }

    /**
     * The training pairs as llm-finetune trains on them: each input asked exactly as the strategy's
     * generator asks it (the same prompt builder, no demonstrations, no context), its reference
     * output the assistant's answer.
     */
    public static List<TrainingChat> trainingChats(GenerateConfig config, List<GenerationExample> train) {
        GenerationPrompt prompt = new GenerationPrompt(config.systemTemplate(), config.userTemplate());
        List<TrainingChat> chats = new ArrayList<>(train.size());
        for (GenerationExample pair : train) {
            List<ChatMessage> messages = new ArrayList<>(prompt.messages(pair.input(), List.of(), ""));
            messages.add(ChatMessage.assistant(pair.reference()));
            chats.add(new TrainingChat(pair.location(), messages));
        }
        return chats;
    }
}
