package dev.hone.cli;

import dev.hone.engine.model.Encoders;
import dev.hone.error.BadInputException;
import dev.hone.retrieval.KnowledgeBase;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which encoder a knowledge-base command uses: the one the knowledge base was built with unless
 * {@code --model} names another, which is refused (its vectors would not be comparable).
 */
final class KnowledgeBaseModel {
    private KnowledgeBaseModel() {
    }

    static String resolve(Path knowledgeBase, String requested) {
        Optional<String> stored = KnowledgeBase.storedModel(knowledgeBase);
        if (stored.isPresent() && requested != null && !requested.equals(stored.get()))
            throw new BadInputException("knowledge base " + knowledgeBase + " was built with model '" + stored.get()
                    + "', not '" + requested + "'; drop --model (or pass --model " + stored.get()
                    + "), or index into a new folder to use '" + requested + "'");
        return stored.orElse(requested == null ? Encoders.DEFAULT : requested);
    }
}
