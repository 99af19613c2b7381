package dev.hone.engine.kernel;

import dev.hone.engine.model.EncoderModel;
import dev.hone.engine.model.Encoders;
import java.util.List;

/**
 * The child JVM of {@link KernelSelectionTest}, started without {@code --add-modules
 * jdk.incubator.vector}: loads the built-in MiniLM the way a library user does, asks for kernels a
 * second time (the warning must still be printed once), embeds its arguments and prints the kernels'
 * class name, then one line of floats per text.
 */
final class EmbedWithoutVectorApi {
    private EmbedWithoutVectorApi() {
    }

    public static void main(String[] texts) {
        EncoderModel encoder = Encoders.load("all-minilm-l6-v2");
        System.out.println(Encoders.defaultKernels().getClass().getName());
        for (float[] embedding : encoder.embed(List.of(texts))) {
            StringBuilder line = new StringBuilder();
            for (float value : embedding) line.append(line.isEmpty() ? "" : " ").append(value);
            System.out.println(line);
        }
    }
}
