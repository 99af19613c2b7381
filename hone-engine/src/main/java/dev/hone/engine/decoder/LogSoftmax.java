package dev.hone.engine.decoder;

/**
 * Natural-log probabilities from a decoder's logits under the model's own softmax (temperature 1,
 * the whole vocabulary): what a generated token's logprob and a label's likelihood report,
 * whatever sampling settings chose the token.
 */
public final class LogSoftmax {
    private LogSoftmax() {
    }

    /** log softmax(logits)[token], computed as logits[token] − logsumexp(logits) so that no exp() overflows. */
    public static double of(float[] logits, int token) {
        if (token < 0 || token >= logits.length) {
            throw new IllegalArgumentException("token " + token + " is outside the logits [0, " + logits.length + ")");
        }
        float largest = Float.NEGATIVE_INFINITY;
        for (float logit : logits) largest = Math.max(largest, logit);
        double total = 0;
        for (float logit : logits) total += Math.exp(logit - largest);
        return logits[token] - largest - Math.log(total);
    }
}
