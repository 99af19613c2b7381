package dev.hone.engine.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InterleavedRotaryOrderTest {

    @Test
    void eachHeadsHalvesAreInterleaved() {
        assertThat(InterleavedRotaryOrder.rows(2, 4)).containsExactly(0, 2, 1, 3, 4, 6, 5, 7);
    }

    /**
     * The reason for the order: rotating the reordered head by interleaved pairs (llama.cpp's
     * llama) gives the rotate-half result (Hugging Face's) in the same reordered places.
     */
    @Test
    void interleavedRotationOfReorderedRowsIsRotateHalfOfTheOriginal() {
        int headSize = 8;
        int half = headSize / 2;
        Random random = new Random(3);
        float[] query = new float[headSize];
        for (int i = 0; i < headSize; i++) query[i] = random.nextFloat() - 0.5f;
        float[] angle = {0.3f, 1.1f, -2f, 0.7f};

        float[] rotateHalf = new float[headSize];
        for (int i = 0; i < half; i++) {
            rotateHalf[i] = (float) (query[i] * Math.cos(angle[i]) - query[i + half] * Math.sin(angle[i]));
            rotateHalf[i + half] = (float) (query[i + half] * Math.cos(angle[i]) + query[i] * Math.sin(angle[i]));
        }
        float[] reordered = TensorValues.reordered(query, InterleavedRotaryOrder.rows(1, headSize));
        float[] interleaved = new float[headSize];
        for (int i = 0; i < half; i++) {
            interleaved[2 * i] = (float) (reordered[2 * i] * Math.cos(angle[i]) - reordered[2 * i + 1] * Math.sin(angle[i]));
            interleaved[2 * i + 1] = (float) (reordered[2 * i + 1] * Math.cos(angle[i]) + reordered[2 * i] * Math.sin(angle[i]));
        }

        assertThat(interleaved).containsExactly(TensorValues.reordered(rotateHalf, InterleavedRotaryOrder.rows(1, headSize)));
    }
}
