package dev.hone.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.hone.engine.kernel.VectorKernels;
import dev.hone.engine.model.EncoderModel;
import dev.hone.engine.model.Encoders;
import dev.hone.engine.train.FineTuneOptions;
import dev.hone.engine.train.LabelledTexts;
import dev.hone.engine.train.LoraTarget;
import dev.hone.engine.train.TrainingListener;
import dev.hone.engine.train.TuningMethod;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The engine beside its peers in one JVM, 2 threads each: GEMM 1024³, encoder inference against
 * ONNX Runtime on the same ONNX file, and training-step times. Prints medians; the PyTorch peer
 * (bench/torch_peer.py) prints its own figures in the same run of bench/run.
 */
public final class EngineBench {
    static final int THREADS = 2;
    static final int RUNS = 7;

    public static void main(String[] args) throws Exception {
        System.setProperty("hone.threads", Integer.toString(THREADS));
        List<String> only = List.of(args);
        if (only.isEmpty() || only.contains("gemm")) gemm();
        if (only.isEmpty() || only.contains("inference")) {
            for (String model : List.of("all-minilm-l6-v2", "bge-small-en-v1.5")) inference(model);
        }
        if (only.isEmpty() || only.contains("training")) training("all-minilm-l6-v2");
        if (only.isEmpty() || only.contains("tuned")) tunedServing("all-minilm-l6-v2");
        if (only.contains("memory")) memory("bge-small-en-v1.5");
    }

    static void gemm() {
        int n = 1024;
        float[] a = random(n * n, 1);
        float[] b = random(n * n, 2);
        float[] c = new float[n * n];
        try (VectorKernels kernels = new VectorKernels(THREADS)) {
            for (int i = 0; i < 3; i++) kernels.matmul(a, 0, false, b, 0, false, c, 0, n, n, n, false);
            double[] gflops = new double[RUNS];
            for (int r = 0; r < RUNS; r++) {
                long start = System.nanoTime();
                kernels.matmul(a, 0, false, b, 0, false, c, 0, n, n, n, false);
                gflops[r] = 2.0 * n * n * n / ((System.nanoTime() - start) / 1e9) / 1e9;
            }
            System.out.printf(Locale.ROOT, "gemm 1024^3 engine: %.1f GFLOP/s (median of %d)%n", median(gflops), RUNS);
        }
    }

    static List<String> sentences(int count) {
        return sentences(count, 12);
    }

    static List<String> sentences(int count, int wordsEach) {
        String[] words = ("the customer asked where the parcel was and why the refund for the broken lamp "
                + "had not arrived yet after two weeks of waiting patiently").split(" ");
        SplittableRandom random = new SplittableRandom(5);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder s = new StringBuilder();
            for (int w = 0; w < wordsEach; w++) s.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
            texts.add(s.toString());
        }
        return texts;
    }

    static void inference(String name) throws Exception {
        EncoderModel model = Encoders.load(name);
        List<String> batch = sentences(32);
        for (int i = 0; i < 5; i++) model.embed(batch);
        double[] engine = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            long start = System.nanoTime();
            model.embed(batch);
            engine[r] = batch.size() / ((System.nanoTime() - start) / 1e9);
        }
        // Batch 1: the same sentence as ONNX Runtime gets below, after the same long warm-up.
        double[] engineLatency = new double[200];
        for (int i = 0; i < 100; i++) model.embed(batch.get(0));
        for (int i = 0; i < engineLatency.length; i++) {
            long start = System.nanoTime();
            model.embed(batch.get(0));
            engineLatency[i] = (System.nanoTime() - start) / 1e6;
        }

        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(THREADS);
        options.setInterOpNumThreads(1);
        byte[] onnx;
        try (InputStream in = EngineBench.class.getClassLoader().getResourceAsStream(name + ".onnx")) {
            onnx = in.readAllBytes();
        }
        var tokenizer = dev.hone.engine.tokenizer.TextTokenizer.load(
                EngineBench.class.getClassLoader().getResourceAsStream(name + "-tokenizer.json"), 512, name);
        try (OrtSession session = environment.createSession(onnx, options)) {
            // ORT gets token ids already made (it has no tokenizer), so its figure excludes tokenisation.
            Map<String, OnnxTensor> inputs = ortInputs(environment, tokenizer.encode(batch));
            Map<String, OnnxTensor> single = ortInputs(environment, tokenizer.encode(List.of(batch.get(0))));
            for (int i = 0; i < 5; i++) session.run(inputs).close();
            double[] ort = new double[RUNS];
            for (int r = 0; r < RUNS; r++) {
                long start = System.nanoTime();
                session.run(inputs).close();
                ort[r] = batch.size() / ((System.nanoTime() - start) / 1e9);
            }
            double[] ortLatency = new double[200];
            for (int i = 0; i < 100; i++) session.run(single).close();
            for (int i = 0; i < ortLatency.length; i++) {
                long start = System.nanoTime();
                session.run(single).close();
                ortLatency[i] = (System.nanoTime() - start) / 1e6;
            }
            System.out.printf(Locale.ROOT, "inference %s batch 32: engine %.0f sentences/s, onnxruntime %.0f sentences/s, ratio %.2f%n",
                    name, median(engine), median(ort), median(engine) / median(ort));
            System.out.printf(Locale.ROOT, "inference %s batch 1 p50: engine %.2f ms, onnxruntime %.2f ms, ratio %.2f (lower is better)%n",
                    name, median(engineLatency), median(ortLatency), median(engineLatency) / median(ortLatency));
        }
    }

    static Map<String, OnnxTensor> ortInputs(OrtEnvironment environment, dev.hone.engine.tokenizer.TokenBatch tokens) throws Exception {
        long[][] ids = new long[tokens.size()][tokens.length()];
        long[][] mask = new long[tokens.size()][tokens.length()];
        long[][] types = new long[tokens.size()][tokens.length()];
        for (int b = 0; b < tokens.size(); b++) {
            for (int s = 0; s < tokens.length(); s++) {
                ids[b][s] = tokens.inputIds()[b * tokens.length() + s];
                mask[b][s] = (long) tokens.attentionMask()[b * tokens.length() + s];
                types[b][s] = tokens.tokenTypeIds()[b * tokens.length() + s];
            }
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        inputs.put("input_ids", OnnxTensor.createTensor(environment, ids));
        inputs.put("attention_mask", OnnxTensor.createTensor(environment, mask));
        inputs.put("token_type_ids", OnnxTensor.createTensor(environment, types));
        return inputs;
    }

    /** Step time at batch 16 × 32 tokens with a 10-class head: full, LoRA r=8 on query+value, head only. */
    static void training(String name) {
        EncoderModel model = Encoders.load(name);
        int steps = 12;
        // Every word is one token in this vocabulary: 30 words + [CLS] + [SEP] = 32 tokens, as the peer uses.
        List<String> texts = sentences(16 * steps, 30);
        int[] labels = new int[texts.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = i % 10;
        LabelledTexts data = new LabelledTexts(texts, labels);
        System.out.printf(Locale.ROOT, "training texts: %d tokens each (median)%n", model.countTokens(texts.get(0)));
        for (TuningMethod method : List.of(TuningMethod.FULL, TuningMethod.LORA, TuningMethod.HEAD)) {
            FineTuneOptions options = new FineTuneOptions(method, 8, 16f, 0.1f, Set.of(LoraTarget.QUERY, LoraTarget.VALUE),
                    1, 16, 1e-4f, 1e-3f, 0f, 0.01f, 1f, 0, 7);
            List<Double> stepTimes = new ArrayList<>();
            long[] last = {System.nanoTime()};
            TrainingListener timer = progress -> {
                long now = System.nanoTime();
                stepTimes.add((now - last[0]) / 1e6);
                last[0] = now;
            };
            model.trainClassifier(data, null, 10, options, timer);
            double[] times = stepTimes.stream().skip(2).mapToDouble(Double::doubleValue).toArray();
            String note = method == TuningMethod.HEAD
                    ? " (the head trains on embeddings computed once; step = one full-batch head update)" : "";
            System.out.printf(Locale.ROOT, "training step %s batch 16x32: engine %.1f ms (median of %d)%s%n",
                    method.name().toLowerCase(Locale.ROOT), median(times), times.length, note);
        }
    }

    /**
     * Batch-1 latency of tuned encoders beside the pretrained one they came from, interleaved call by
     * call in one JVM: a full fine-tune and a LoRA (merged for serving) must run as fast as the base.
     */
    static void tunedServing(String name) {
        EncoderModel model = Encoders.load(name);
        List<String> texts = sentences(32);
        int[] labels = new int[texts.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = i % 4;
        LabelledTexts data = new LabelledTexts(texts, labels);
        List<dev.hone.engine.model.TextEncoder> encoders = new ArrayList<>();
        encoders.add(model);
        for (TuningMethod method : List.of(TuningMethod.FULL, TuningMethod.LORA)) {
            FineTuneOptions options = new FineTuneOptions(method, 8, 16f, 0.1f, Set.of(LoraTarget.QUERY, LoraTarget.VALUE),
                    1, 16, 1e-4f, 1e-3f, 0f, 0.01f, 1f, 0, 7);
            encoders.add(model.trainClassifier(data, null, 4, options, TrainingListener.NONE).encoder());
        }
        int calls = 300;
        double[][] latency = new double[encoders.size()][calls];
        for (int i = -100; i < calls; i++) {
            for (int e = 0; e < encoders.size(); e++) {
                long start = System.nanoTime();
                encoders.get(e).embed(texts.get(Math.floorMod(i, texts.size())));
                if (i >= 0) latency[e][i] = (System.nanoTime() - start) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "tuned serving %s batch 1 p50 (interleaved): pretrained %.2f ms, full-finetune %.2f ms"
                        + " (ratio %.2f), lora merged %.2f ms (ratio %.2f)%n", name, median(latency[0]), median(latency[1]),
                median(latency[1]) / median(latency[0]), median(latency[2]), median(latency[2]) / median(latency[0]));
    }

    /**
     * Loads the encoder and embeds 10,000 sentences with 200 texts of the model's maximum length
     * among them; bench/run starts this in its own JVM with -Xmx512m, so finishing at all shows the
     * heap stayed under 512 MiB (README's bound for bge-small is about 385 MB).
     */
    static void memory(String name) {
        EncoderModel model = Encoders.load(name);
        List<String> texts = new ArrayList<>(sentences(10_000));
        String longest = String.join(" ", sentences(1, 1_000));
        for (int i = 0; i < 200; i++) texts.set(i * 50, longest);
        long started = System.nanoTime();
        float[][] embeddings = model.embed(texts);
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        System.out.printf(Locale.ROOT, "memory %s: embedded %d texts (200 of %d tokens) in %.1f s with max heap %d MiB;"
                        + " sum of heap pools' peaks %d MiB%n", name, embeddings.length, model.countTokens(longest), seconds,
                Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
    }

    static float[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) values[i] = (float) (random.nextDouble() - 0.5);
        return values;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
