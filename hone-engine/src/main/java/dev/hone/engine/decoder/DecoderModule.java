package dev.hone.engine.decoder;

import dev.hone.error.BadInputException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The linear layers of a Llama-family block that LoRA adapters can wrap, with the names Hugging
 * Face gives them: the short name PEFT's {@code target_modules} lists ({@code q_proj}) and the path
 * inside {@code model.layers.N} ({@code self_attn.q_proj}).
 */
public enum DecoderModule {
    Q_PROJ("self_attn.q_proj"),
    K_PROJ("self_attn.k_proj"),
    V_PROJ("self_attn.v_proj"),
    O_PROJ("self_attn.o_proj"),
    GATE_PROJ("mlp.gate_proj"),
    UP_PROJ("mlp.up_proj"),
    DOWN_PROJ("mlp.down_proj");

    /** PEFT's default for Llama-family models, and Hone's: the four attention projections. */
    public static final Set<DecoderModule> ATTENTION = EnumSet.of(Q_PROJ, K_PROJ, V_PROJ, O_PROJ);

    private final String path;

    DecoderModule(String path) {
        this.path = path;
    }

    /** The path inside {@code model.layers.N}, e.g. {@code self_attn.q_proj}. */
    public String path() {
        return path;
    }

    /** The short name in PEFT's {@code target_modules}, e.g. {@code q_proj}. */
    public String peftName() {
        return path.substring(path.indexOf('.') + 1);
    }

    /**
     * The module PEFT names {@code name} ({@code q_proj}, or a path ending in it such as
     * {@code self_attn.q_proj}).
     *
     * @throws BadInputException naming the supported modules
     */
    public static DecoderModule ofName(String name) {
        return Arrays.stream(values()).filter(m -> name.equals(m.peftName()) || name.endsWith("." + m.peftName()))
                .findFirst()
                .orElseThrow(() -> new BadInputException("unknown LoRA target module \"" + name + "\": a Llama-family decoder "
                        + "has " + supported() + "; name one of those"));
    }

    static String supported() {
        return Arrays.stream(values()).map(DecoderModule::peftName).collect(Collectors.joining(", "));
    }
}
