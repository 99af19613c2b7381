package dev.hone.cli;

import dev.hone.Hone;
import dev.hone.engine.decoder.DecoderConfig;
import dev.hone.engine.decoder.PeftAdapterFolder;
import dev.hone.engine.model.Encoders;
import dev.hone.error.BadInputException;
import dev.hone.local.ChatModelFiles;
import dev.hone.local.LocalModel;
import dev.hone.local.LocalProvider;
import dev.hone.local.TunedFolder;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.Providers;
import dev.hone.results.CandidateCard;
import dev.hone.server.ServedModel;
import dev.hone.strategy.llmfinetune.FineTunedFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code hone serve PATH} serves, decided and checked before the server binds, so a wrong
 * folder is an error at start and not a failed load behind a listening port:
 * <ul>
 *   <li>a Hugging Face chat model folder ({@code config.json} of a supported architecture,
 *       {@code tokenizer.json}, {@code tokenizer_config.json} with a chat template): chat only;</li>
 *   <li>a PEFT adapter folder ({@code adapter_config.json}) whose {@code base_model_name_or_path} is
 *       such a folder: chat only, the base model with the adapters;</li>
 *   <li>a generation run's {@code llm-finetune} candidate folder ({@code finetune.json}, no card): chat
 *       only, with the adapters it keeps;</li>
 *   <li>a candidate folder, or a run folder (its recommended candidate): classification, and chat
 *       too when the candidate is an LLM candidate whose provider is {@code type: local} (its
 *       {@code llm.json} names the model folder), sharing that model's weights with the candidate.</li>
 * </ul>
 *
 * @param name            what responses call the model: the candidate's or the model folder's name
 * @param directory       the candidate or model folder
 * @param candidate       true for a candidate (it classifies)
 * @param chatModelFolder the chat model's folder, or null when nothing chats
 */
record ServeTarget(String name, Path directory, boolean candidate, Path chatModelFolder) {

    static ServeTarget of(Path path) {
        boolean runOrCandidate = Files.isRegularFile(path.resolve(CandidateCard.FILE)) || Files.isRegularFile(path.resolve("results.json"));
        if (!runOrCandidate && Files.isRegularFile(path.resolve("config.json"))) return modelFolder(path);
        if (!runOrCandidate && Files.isRegularFile(path.resolve(PeftAdapterFolder.CONFIG_FILE))) return adapterFolder(path);
        if (!runOrCandidate && Files.isRegularFile(path.resolve(FineTunedFiles.JOB_FILE))) return tunedGenerator(path);
        if (!runOrCandidate) {
            throw new BadInputException(path + " is neither a candidate folder (with candidate.json), a run folder (with"
                    + " results.json), a Hugging Face chat model folder (with config.json) nor an adapter folder (with adapter_config.json)");
        }
        Path candidate = Hone.candidateDirectory(path);
        if (!Files.isRegularFile(candidate.resolve(CandidateCard.FILE))) {
            // Fail before binding: a retrieval run's recommendation is a search mode, not a servable candidate.
            throw new BadInputException(candidate + " holds no candidate.json; serve a classification run's folder"
                    + " or one of its candidates (runs/<run>/candidates/<name>)");
        }
        return new ServeTarget(candidate.getFileName().toString(), candidate, true, localModelOf(candidate));
    }

    /** The checks that are cheap (the config, the tokenizer files, the chat template); the weights load in the background. */
    private static ServeTarget modelFolder(Path folder) {
        DecoderConfig.read(folder.resolve("config.json"));
        if (!Files.isRegularFile(folder.resolve("tokenizer.json"))) {
            throw new BadInputException(folder.resolve("tokenizer.json") + " is missing: a chat model folder needs the"
                    + " tokenizer.json that Hugging Face saves beside config.json");
        }
        ChatModelFiles.read(folder);
        Path absolute = folder.toAbsolutePath().normalize();
        return new ServeTarget(absolute.getFileName().toString(), folder, false, folder);
    }

    /** Adapters on a base model: the base folder gets the model folder's checks; the adapters load with the weights. */
    private static ServeTarget adapterFolder(Path folder) {
        TunedFolder tuned = TunedFolder.of(folder).orElseThrow();
        modelFolder(tuned.base());
        return new ServeTarget(folder.toAbsolutePath().normalize().getFileName().toString(), folder, false, folder);
    }

    /** A generation candidate's tuned model: it writes answers (chat), it classifies nothing. */
    private static ServeTarget tunedGenerator(Path folder) {
        TunedFolder tuned = TunedFolder.of(folder).orElseThrow();
        modelFolder(tuned.base());
        String name = folder.toAbsolutePath().normalize().getFileName().toString();
        return new ServeTarget(name, tuned.adapters(), false, tuned.adapters());
    }

    /** The model folder of an LLM candidate whose provider is {@code type: local}, else null. */
    private static Path localModelOf(Path candidate) {
        return SavedProvider.of(candidate).filter(SavedProvider::local).map(SavedProvider::modelFolder).orElse(null);
    }

    /** Loads what is served (the slow part: weights and tokenizer), on the server's loading thread. */
    ServedModel load() {
        if (!candidate) return ServedModel.chat(name, directory, LocalModel.load(directory, Encoders.defaultKernels()));
        var classifier = Hone.load(directory);
        return new ServedModel(name, directory, classifier, chatModelFolder == null ? null : sharedModel(chatModelFolder));
    }

    /**
     * The model the candidate's own {@code type: local} provider uses: the provider service keeps one
     * model per folder per process, so asking it again returns the same weights, not a second copy.
     */
    private LocalModel sharedModel(Path folder) {
        ProviderConfig config = new ProviderConfig("serve", "local", URI.create("http://localhost/"), folder.toString(), "",
                1, 1, 1, 0, 0, 0, null);
        if (Providers.create(config) instanceof LocalProvider local) return local.model();
        throw new IllegalStateException("type: local did not give a LocalProvider; is hone-local on the class path?");
    }

    /** The line {@code hone serve} prints first. */
    String describe(Path path) {
        if (!candidate) return "serving chat model " + name + " from " + directory;
        String what = directory.equals(path) ? "serving candidate " + name + " from " + directory
                : "serving " + name + ", the recommended candidate of run " + path;
        return chatModelFolder == null ? what : what + " (and its local model " + chatModelFolder + " for chat)";
    }
}
