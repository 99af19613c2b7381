package dev.hone.engine.decoder;

import dev.hone.engine.kernel.Kernels;
import java.util.function.BiFunction;

/** One pre-norm block of a Llama-family decoder: attention, then the MLP, each added to the residual stream. */
record DecoderLayer(RmsNorm inputNorm, GroupedQueryAttention attention, RmsNorm postAttentionNorm,
                    SwiGluFeedForward feedForward) {

    /**
     * x: (rows, hidden), the residual stream of the batch's rows, updated in place; {@code layer} is
     * this block's index, which addresses its part of each sequence's cache.
     */
    void apply(Kernels kernels, float[] x, SequenceBatch batch, int layer) {
        int rows = batch.rows();
        float[] attended = attention.apply(kernels, inputNorm.apply(kernels, x, rows), batch, layer);        // (rows, hidden)
        kernels.axpy(1f, attended, 0, x, 0, x.length);                                                        // x = x + attention(norm(x))
        float[] transformed = feedForward.apply(kernels, postAttentionNorm.apply(kernels, x, rows), rows);  // (rows, hidden)
        kernels.axpy(1f, transformed, 0, x, 0, x.length);                                                     // x = x + mlp(norm(x))
    }

    /** The projection a LoRA target module names. */
    Projection projection(DecoderModule module) {
        return switch (module) {
            case Q_PROJ -> attention.query();
            case K_PROJ -> attention.key();
            case V_PROJ -> attention.value();
            case O_PROJ -> attention.output();
            case GATE_PROJ -> feedForward.gate();
            case UP_PROJ -> feedForward.up();
            case DOWN_PROJ -> feedForward.down();
        };
    }

    /** This layer with each projection replaced by {@code change(module, projection)}; norms and rotary kept. */
    DecoderLayer withProjections(BiFunction<DecoderModule, Projection, Projection> change) {
        GroupedQueryAttention a = attention;
        GroupedQueryAttention changedAttention = new GroupedQueryAttention(
                change.apply(DecoderModule.Q_PROJ, a.query()), change.apply(DecoderModule.K_PROJ, a.key()),
                change.apply(DecoderModule.V_PROJ, a.value()), change.apply(DecoderModule.O_PROJ, a.output()),
                a.rotary(), a.heads(), a.keyValueHeads(), a.headSize());
        SwiGluFeedForward changedFeedForward = new SwiGluFeedForward(change.apply(DecoderModule.GATE_PROJ, feedForward.gate()),
                change.apply(DecoderModule.UP_PROJ, feedForward.up()), change.apply(DecoderModule.DOWN_PROJ, feedForward.down()));
        return new DecoderLayer(inputNorm, changedAttention, postAttentionNorm, changedFeedForward);
    }

    long bytes() {
        return 4L * inputNorm.weight().length + attention.bytes() + 4L * postAttentionNorm.weight().length + feedForward.bytes();
    }
}
