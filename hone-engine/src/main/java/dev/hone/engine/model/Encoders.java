package dev.hone.engine.model;

import dev.hone.HoneException;

/** Loads encoders by registry name ({@code all-minilm-l6-v2}, {@code bge-small-en-v1.5}) or by path. */
public final class Encoders {
    private Encoders() {
    }

    /** The registry name of the default encoder. */
    public static final String DEFAULT = "all-minilm-l6-v2";

    /**
     * Loads a registered encoder from its Maven model jar on the classpath, or a directory / ONNX
     * file path (with a tokenizer.json beside it).
     *
     * @throws dev.hone.BadInputException when the name is unknown or the files are unreadable
     */
    public static EncoderModel load(String nameOrPath) {
        throw new HoneException("the engine is not built yet");
    }
}
