package dev.hone.engine.decoder;

import dev.hone.engine.nn.LoraAdapter;
import dev.hone.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The LoRA adapters of one decoder: for every layer, one {@link LoraAdapter} per targeted module
 * (A: rank × in, B: out × rank, trainable f32 tensors), none elsewhere. Created fresh as PEFT
 * initialises them (A Kaiming-uniform from the seed, B zero, so the model starts unchanged), or
 * from saved values. Training changes the tensors in place; {@link Decoder#withAdapters} copies them
 * for inference.
 */
public final class DecoderAdapters {
    private final LoraSettings settings;
    /** [layer][module ordinal], null where the module is not a target. */
    private final LoraAdapter[][] adapters;

    private DecoderAdapters(LoraSettings settings, LoraAdapter[][] adapters) {
        this.settings = settings;
        this.adapters = adapters;
    }

    /** Fresh adapters for {@code decoder}: A drawn from the settings' seed, layer by layer, module by module; B zero. */
    public static DecoderAdapters create(Decoder decoder, LoraSettings settings) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        int layerCount = decoder.config().numberOfLayers();
        LoraAdapter[][] adapters = new LoraAdapter[layerCount][DecoderModule.values().length];
        for (int layer = 0; layer < layerCount; layer++) {
            for (DecoderModule module : DecoderModule.values()) {
                if (!settings.targets().contains(module)) continue;
                Projection projection = decoder.layers().get(layer).projection(module);
                adapters[layer][module.ordinal()] = LoraAdapter.create(projection.weight().columns(), projection.weight().rows(),
                        settings.rank(), settings.alpha(), settings.dropout(), random);
            }
        }
        return new DecoderAdapters(settings, adapters);
    }

    /**
     * Adapters with given values: {@code a[layer][module]} (rank × in) and {@code b[layer][module]}
     * (out × rank) for every target in the settings, as loaded from a file. Shapes are checked
     * against {@code decoder}.
     *
     * @throws IllegalArgumentException naming the layer and module whose values do not fit
     */
    static DecoderAdapters of(Decoder decoder, LoraSettings settings, float[][][] a, float[][][] b) {
        int layerCount = decoder.config().numberOfLayers();
        int rank = settings.rank();
        LoraAdapter[][] adapters = new LoraAdapter[layerCount][DecoderModule.values().length];
        for (int layer = 0; layer < layerCount; layer++) {
            for (DecoderModule module : settings.targets()) {
                Projection projection = decoder.layers().get(layer).projection(module);
                int in = projection.weight().columns();
                int out = projection.weight().rows();
                float[] aValues = a[layer][module.ordinal()];
                float[] bValues = b[layer][module.ordinal()];
                if (aValues == null || bValues == null || aValues.length != rank * in || bValues.length != out * rank) {
                    throw new IllegalArgumentException("layer " + layer + " " + module.path() + ": rank " + rank + " adapters of a "
                            + out + " x " + in + " weight need A of " + rank * in + " and B of " + out * rank + " values");
                }
                adapters[layer][module.ordinal()] = new LoraAdapter(Tensor.parameter(aValues.clone(), rank, in),
                        Tensor.parameter(bValues.clone(), out, rank), settings.scale(), settings.dropout());
            }
        }
        return new DecoderAdapters(settings, adapters);
    }

    public LoraSettings settings() {
        return settings;
    }

    /** Layers the adapters are for. */
    public int layers() {
        return adapters.length;
    }

    /** The adapter of a layer's module, or null when the module is not a target. */
    public LoraAdapter adapter(int layer, DecoderModule module) {
        return adapters[layer][module.ordinal()];
    }

    /** Every A and B, layer by layer, module by module: what an optimiser updates. */
    public List<Tensor> parameters() {
        List<Tensor> parameters = new ArrayList<>();
        for (LoraAdapter[] layer : adapters) {
            for (LoraAdapter adapter : layer) {
                if (adapter == null) continue;
                parameters.add(adapter.a());
                parameters.add(adapter.b());
            }
        }
        return parameters;
    }

    /** Trainable values in all adapters. */
    public long parameterCount() {
        return parameters().stream().mapToLong(Tensor::size).sum();
    }

    /** An independent copy of the current values (training keeps the best adapters seen this way). */
    public DecoderAdapters copy() {
        LoraAdapter[][] copied = new LoraAdapter[adapters.length][];
        for (int layer = 0; layer < adapters.length; layer++) {
            copied[layer] = new LoraAdapter[adapters[layer].length];
            for (int m = 0; m < adapters[layer].length; m++) {
                LoraAdapter adapter = adapters[layer][m];
                if (adapter == null) continue;
                copied[layer][m] = new LoraAdapter(Tensor.parameter(adapter.a().data().clone(), adapter.a().shape()),
                        Tensor.parameter(adapter.b().data().clone(), adapter.b().shape()), adapter.scale(), adapter.dropout());
            }
        }
        return new DecoderAdapters(settings, copied);
    }

    /**
     * What merging the adapter of a layer's module adds to its weight: {@code scale·B·A} (out × in,
     * row-major), or null when the module has no adapter.
     */
    public float[] mergedDelta(int layer, DecoderModule module) {
        LoraAdapter adapter = adapter(layer, module);
        if (adapter == null) return null;
        int rank = adapter.rank();
        int in = adapter.a().columns();
        int out = adapter.b().rows();
        float[] a = adapter.a().data();                                                 // (rank, in)
        float[] b = adapter.b().data();                                                 // (out, rank)
        float[] delta = new float[out * in];                                            // (out, in)
        for (int o = 0; o < out; o++) {
            for (int r = 0; r < rank; r++) {
                float factor = adapter.scale() * b[o * rank + r];
                for (int i = 0; i < in; i++) delta[o * in + i] += factor * a[r * in + i];
            }
        }
        return delta;
    }

    /** The current values of a layer's module as inference applies them, or null when it has no adapter. */
    LowRankUpdate update(int layer, DecoderModule module) {
        LoraAdapter adapter = adapter(layer, module);
        if (adapter == null) return null;
        return new LowRankUpdate(adapter.a().data().clone(), adapter.b().data().clone(), adapter.rank(),
                adapter.a().columns(), adapter.b().rows(), adapter.scale());
    }
}
