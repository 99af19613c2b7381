package dev.hone.engine.model;

import java.nio.file.Path;

/** An encoder whose weights were tuned (adapters or full); it can be saved next to its base. */
public interface TunedEncoder extends TextEncoder {

    long trainableParameters();

    /** Writes PEFT-style adapters or a full safetensors checkpoint into {@code directory}. */
    void save(Path directory);
}
