package dev.hone.cli;

import dev.hone.Hone;
import dev.hone.error.BadInputException;
import dev.hone.results.CandidateCard;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model folder {@code hone export --format gguf PATH} writes: PATH itself when it is a Hugging
 * Face decoder folder; the folder its {@code llm.json} names when PATH is an LLM candidate on a
 * {@code type: local} provider (or a run whose recommended candidate is one). Other candidates have
 * no decoder of their own to export (an encoder candidate's weights are not a generative model; a
 * remote provider's model is not on this machine), which is an error saying which candidates can be.
 *
 * @param modelFolder the Hugging Face decoder folder to export
 * @param candidate   the candidate folder it came from, or null when PATH was the model folder
 */
record GgufSource(Path modelFolder, Path candidate) {
    static final String EXPORTABLE = "only LLM candidates whose provider is type: local (llm-zero-shot, llm-few-shot, llm-cot, "
            + "llm-self-consistency) can be exported to GGUF, as the model folder their provider names; a Hugging Face "
            + "decoder folder can be exported directly";

    static GgufSource of(Path path) {
        if (!Files.isDirectory(path)) {
            throw new BadInputException(path + " is not a folder: give a Hugging Face model folder (config.json, safetensors "
                    + "weights, tokenizer.json, tokenizer_config.json) or an LLM candidate folder");
        }
        if (!isRunOrCandidate(path)) return new GgufSource(path, null);
        Path candidate = Hone.candidateDirectory(path);
        SavedProvider provider = SavedProvider.of(candidate).orElseThrow(() -> new BadInputException(candidate + " is "
                + describe(candidate) + ", not an LLM candidate: " + EXPORTABLE));
        if (!provider.local()) {
            throw new BadInputException(candidate + " is an LLM candidate on provider '" + provider.name() + "' (type: "
                    + provider.type() + ", model " + provider.model() + "), whose weights are not on this machine: " + EXPORTABLE);
        }
        Path folder = provider.modelFolder();
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(provider.file() + " names the model folder " + folder + ", which does not exist; "
                    + "was it moved? Export the folder where it is now: hone export MODEL_DIR --format gguf");
        }
        return new GgufSource(folder, candidate);
    }

    /** Whether {@code path} is a candidate folder (candidate.json) or a run folder (results.json). */
    static boolean isRunOrCandidate(Path path) {
        return Files.isRegularFile(path.resolve(CandidateCard.FILE)) || Files.isRegularFile(path.resolve("results.json"));
    }

    /** "a linear-probe candidate", from candidate.json; a candidate.json that cannot be read is named in the error. */
    private static String describe(Path candidate) {
        if (!Files.isRegularFile(candidate.resolve(CandidateCard.FILE))) return "a folder without candidate.json";
        String kind = CandidateCard.read(candidate).kind();
        return kind == null ? "a candidate of unknown kind" : "a " + kind + " candidate";
    }
}
