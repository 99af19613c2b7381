package dev.hone.server;

import dev.hone.Classifier;
import dev.hone.local.LocalModel;
import java.nio.file.Path;

/**
 * The model a server answers with: its name (shown in responses), what answers, and the folder it
 * came from (a candidate's {@code candidate.json} card fills the try-it page). A classifier answers
 * {@code /v1/classify}; a chat model answers {@code /v1/chat/completions} and {@code /v1/completions}.
 * An LLM candidate whose provider is {@code type: local} has both: the candidate classifies, and
 * its model chats.
 *
 * @param name       the name reported in every response (and the one model of {@code GET /v1/models})
 * @param directory  the candidate or model folder, or null when the model was built in memory
 * @param classifier the classifier that predicts labels, or null for a chat model alone
 * @param chatModel  the in-process generative model, or null for a classifier alone
 */
public record ServedModel(String name, Path directory, Classifier classifier, LocalModel chatModel) {
    public ServedModel {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be a non-empty candidate name; pass the candidate folder's name");
        }
        if (classifier == null && chatModel == null) {
            throw new IllegalArgumentException("a served model needs a classifier (Hone.load(path)) or a chat model"
                    + " (LocalModel.load(folder, kernels)); both are null");
        }
    }

    public ServedModel(String name, Path directory, Classifier classifier) {
        this(name, directory, classifier, null);
    }

    public ServedModel(String name, Classifier classifier) {
        this(name, null, classifier, null);
    }

    /** A Hugging Face chat model folder served on its own. */
    public static ServedModel chat(String name, Path directory, LocalModel chatModel) {
        if (chatModel == null) throw new IllegalArgumentException("chatModel must not be null; load one with LocalModel.load(folder, kernels)");
        return new ServedModel(name, directory, null, chatModel);
    }
}
