package dev.hone.engine.tokenizer;

/** One text's token ids and token type ids, special tokens included, after truncation. */
public record TokenizedText(int[] ids, int[] typeIds) {
    public TokenizedText {
        if (ids.length != typeIds.length) {
            throw new IllegalArgumentException(ids.length + " token ids but " + typeIds.length + " type ids");
        }
    }

    public int length() {
        return ids.length;
    }
}
