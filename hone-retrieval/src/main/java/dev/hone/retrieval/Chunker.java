package dev.hone.retrieval;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * Splits text into chunks of at most {@code chunkTokens} tokens, cutting at sentence ends, and
 * repeats roughly {@code overlapTokens} tokens of trailing sentences at the start of the next chunk
 * so that an answer spanning a boundary is still found whole in one chunk.
 *
 * <p>Token counts come from the encoder's own tokenizer, so a chunk never silently exceeds what
 * the model reads. A single sentence longer than the budget is cut by words.
 */
public final class Chunker {
    private final ToIntFunction<String> tokenCounter;
    private final int chunkTokens;
    private final int overlapTokens;

    public Chunker(ToIntFunction<String> tokenCounter, int chunkTokens, int overlapTokens) {
        if (chunkTokens < 8)
            throw new IllegalArgumentException("chunkTokens must be >= 8, was " + chunkTokens + "; use e.g. 200");
        if (overlapTokens < 0 || overlapTokens >= chunkTokens)
            throw new IllegalArgumentException("overlapTokens must be in 0.." + (chunkTokens - 1) + ", was "
                    + overlapTokens + "; use e.g. 40");
        this.tokenCounter = tokenCounter;
        this.chunkTokens = chunkTokens;
        this.overlapTokens = overlapTokens;
    }

    public List<Chunk> chunk(String text) {
        List<int[]> sentences = pieces(text);
        List<Chunk> chunks = new ArrayList<>();
        int i = 0;
        while (i < sentences.size()) {
            int j = i;
            int end = sentences.get(i)[1];
            while (j + 1 < sentences.size()
                    && tokens(text, sentences.get(i)[0], sentences.get(j + 1)[1]) <= chunkTokens) {
                j++;
            }
            end = sentences.get(j)[1];
            int start = sentences.get(i)[0];
            String body = text.substring(start, end).strip();
            if (!body.isEmpty()) chunks.add(new Chunk(chunks.size(), start, end, body));
            if (j + 1 >= sentences.size()) break;
            // Step back over trailing sentences that fit in the overlap, but always move forward.
            int next = j + 1;
            while (next - 1 > i && tokens(text, sentences.get(next - 1)[0], end) <= overlapTokens) next--;
            i = next;
        }
        return chunks;
    }

    private int tokens(String text, int start, int end) {
        return tokenCounter.applyAsInt(text.substring(start, end));
    }

    /** Sentence spans, with any sentence over the budget split further at word boundaries. */
    private List<int[]> pieces(String text) {
        List<int[]> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(text);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            if (text.substring(start, end).isBlank()) continue;
            if (tokens(text, start, end) <= chunkTokens) {
                out.add(new int[] {start, end});
            } else {
                splitByWords(text, start, end, out);
            }
        }
        return out;
    }

    private void splitByWords(String text, int start, int end, List<int[]> out) {
        BreakIterator words = BreakIterator.getWordInstance(Locale.ROOT);
        words.setText(text.substring(start, end));
        int pieceStart = start;
        int lastGood = start;
        for (int b = words.next(); b != BreakIterator.DONE; b = words.next()) {
            int at = start + b;
            if (tokens(text, pieceStart, at) > chunkTokens && lastGood > pieceStart) {
                out.add(new int[] {pieceStart, lastGood});
                pieceStart = lastGood;
            }
            lastGood = at;
        }
        if (pieceStart < end) out.add(new int[] {pieceStart, end});
    }
}
