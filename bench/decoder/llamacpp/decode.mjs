// bench/decoder/run's llama.cpp peer: node-llama-cpp's prebuilt CPU build of llama.cpp on Hone's GGUF
// export of a random checkpoint, in the same protocol as bench/java's DecodeBench and
// torch_decode_peer.py measure: load (weights memory-mapped), a warm-up (a 32-token prefill and 8 steps
// at batch 1 and at batch 8), a 512-token prefill, then 128 greedy steps after a 16-token prompt at
// batch 1 and at batch 8; 2 threads; then the process's peak resident memory. Prints one line:
//   decode-figures llama.cpp MODEL DTYPE load_s … prefill_tok_s … batch1_tok_s … batch8_tok_s … peak_rss_mb …
//   node decode.mjs FILE.gguf MODEL DTYPE      (MODEL and DTYPE only label the line)
//   node decode.mjs --describe                 the versions and settings, for the run's header
// Prompts are token ids (seeded, uniform over the vocabulary), not text: the weights are random.
// Batch 8 is one context with 8 sequences decoded together: node-llama-cpp queues each sequence's next
// token and, once all 8 have queued, evaluates them in one llama_decode call (its batching).
import {getLlama} from "node-llama-cpp";
import {readFileSync} from "node:fs";

const THREADS = 2;
const PREFILL_TOKENS = 512;
const PROMPT_TOKENS = 16;
const NEW_TOKENS = 128;
const BATCH = 8;
const WARM_UP_STEPS = 8;
// Greedy, as the other two engines decode; end-of-generation tokens are fed back like any other, so
// every sequence runs all its steps (random weights pick them as often as any token).
const GREEDY = {temperature: 0, yieldEogToken: true};

const llama = await getLlama({gpu: false, build: "never", logLevel: "error", maxThreads: THREADS});
const packageVersion = JSON.parse(readFileSync(new URL("./node_modules/node-llama-cpp/package.json", import.meta.url))).version;

if (process.argv[2] === "--describe") {
    console.log(`node-llama-cpp ${packageVersion}, llama.cpp ${llama.llamaCppRelease.release} (prebuilt CPU build), `
        + `${THREADS} threads, key/value cache f16 (its default), flash attention as the context chooses ("auto"); `
        + llama.systemInfo.trim());
    process.exit(0);
}
const [modelPath, modelName, dtype] = process.argv.slice(2);
if (!dtype) {
    console.error("usage: node decode.mjs FILE.gguf MODEL DTYPE | node decode.mjs --describe");
    process.exit(2);
}

let begin = performance.now();
const model = await llama.loadModel({modelPath, gpuLayers: 0});
const load = seconds(begin);
const metadata = model.fileInfo.metadata;
const vocabulary = metadata[metadata.general.architecture].vocab_size;

// Warm-up through every timed path: a prefill, one-sequence and eight-sequence steps.
await prefillRate(32);
await decodeRate(1, WARM_UP_STEPS);
await decodeRate(BATCH, WARM_UP_STEPS);
const prefill = await prefillRate(PREFILL_TOKENS);
const batch1 = await decodeRate(1, NEW_TOKENS);
const batch8 = await decodeRate(BATCH, NEW_TOKENS);
await model.dispose();
console.log(`decode-figures llama.cpp ${modelName} ${dtype} load_s ${load.toFixed(2)} prefill_tok_s ${prefill.toFixed(1)} `
    + `batch1_tok_s ${batch1.toFixed(2)} batch8_tok_s ${batch8.toFixed(2)} peak_rss_mb ${peakResidentMegabytes()}`);

/** Tokens per second of one prompt of `length` tokens evaluated in one batch (no token generated). */
async function prefillRate(length) {
    const context = await model.createContext({contextSize: PREFILL_TOKENS + 128, batchSize: PREFILL_TOKENS,
        threads: {ideal: THREADS, min: THREADS}, sequences: 1});
    try {
        const prompt = prompts(1, length, 5)[0];
        const start = performance.now();
        await context.getSequence().evaluateWithoutGeneratingNewTokens(prompt);
        return length / seconds(start);
    } finally {
        await context.dispose();
    }
}

/**
 * Tokens per second over `steps` greedy steps of `batch` sequences after a PROMPT_TOKENS prompt each.
 * The clock starts once every sequence has its first token (sampled from the prompt's logits, as the
 * other engines take it from their prefill) and stops when each has evaluated `steps` more.
 */
async function decodeRate(batch, steps) {
    const context = await model.createContext({contextSize: PROMPT_TOKENS + steps + 64, threads: {ideal: THREADS, min: THREADS},
        sequences: batch});
    try {
        const sequences = Array.from({length: batch}, () => context.getSequence());
        let prompted = 0;
        let releaseClock;
        const clockStarted = new Promise((resolve) => { releaseClock = resolve; });
        let start;
        const run = async (sequence, prompt) => {
            let tokens = 0;
            for await (const token of sequence.evaluate(prompt, GREEDY)) {
                if (++tokens === 1) {
                    if (++prompted === batch) {
                        start = performance.now();
                        releaseClock();
                    }
                    await clockStarted;   // all sequences step together from here, as one batch per step
                }
                if (tokens === steps + 1) break;
            }
        };
        const all = prompts(batch, PROMPT_TOKENS, 7);
        await Promise.all(sequences.map((sequence, s) => run(sequence, all[s])));
        return batch * steps / seconds(start);
    } finally {
        await context.dispose();
    }
}

/** `count` prompts of `length` ids in [0, vocabulary), from a seeded generator (mulberry32). */
function prompts(count, length, seed) {
    let state = seed >>> 0;
    const next = () => {
        state = (state + 0x6D2B79F5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return Array.from({length: count}, () => Array.from({length}, () => Math.floor(next() * vocabulary)));
}

function seconds(since) {
    return (performance.now() - since) / 1000;
}

/** VmHWM of /proc/self/status: the most this process has held in memory, mapped weights included. */
function peakResidentMegabytes() {
    const line = readFileSync("/proc/self/status", "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
    return Math.round(parseInt(line.replace(/\D/g, ""), 10) / 1024);
}
