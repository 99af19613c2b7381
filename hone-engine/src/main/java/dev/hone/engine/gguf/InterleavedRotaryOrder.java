package dev.hone.engine.gguf;

/**
 * The row order that turns a Hugging Face Llama query or key projection (each head's rows in
 * rotate-half order: first elements 0..d/2−1 of the rotary pairs, then their partners) into
 * llama.cpp's {@code llama} layout (pairs interleaved: 0, d/2, 1, d/2+1, …), the reshape
 * (heads, 2, d/2) → (heads, d/2, 2) of llama.cpp's converter.
 */
final class InterleavedRotaryOrder {
    private InterleavedRotaryOrder() {
    }

    /** For each output row, the source row it takes, over {@code heads} heads of {@code headSize} rows. */
    static int[] rows(int heads, int headSize) {
        int half = headSize / 2;
        int[] source = new int[heads * headSize];
        for (int head = 0; head < heads; head++) {
            for (int pair = 0; pair < half; pair++) {
                source[head * headSize + 2 * pair] = head * headSize + pair;
                source[head * headSize + 2 * pair + 1] = head * headSize + half + pair;
            }
        }
        return source;
    }
}
