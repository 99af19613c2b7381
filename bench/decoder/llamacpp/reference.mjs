// llama.cpp (node-llama-cpp's prebuilt CPU build) on Hone's GGUF exports of the decoder fixtures:
// for each fixture and type, load the .gguf, feed the fixture's prompt as token ids, decode 32 tokens
// greedily (temperature 0, end-of-generation tokens included, 2 threads), and compare with Hone's and
// PyTorch's greedy continuations from hone.json (written by dev.hone.local.LlamaCppFixtures). The
// LoRA fixtures' merged exports have no PyTorch tokens there (merge_check.py compares those).
//   node reference.mjs INPUT_DIR [--write-reference FIXTURES_DIR]
// --write-reference writes FIXTURES_DIR/<fixture>/llamacpp.json: each export's sha256 and llama.cpp's
// tokens, which hone-local's GgufLlamaCppReferenceTest checks on every build (offline, without node).
// Exit code 1 when llama.cpp's greedy tokens on an f32 export differ from Hone's.
import {getLlama} from "node-llama-cpp";
import {createHash} from "node:crypto";
import {readFileSync, readdirSync, writeFileSync, existsSync} from "node:fs";
import {join} from "node:path";

const TYPES = ["f32", "f16", "q8_0", "bf16"];
const STEPS = 32;

const [inputDir, ...rest] = process.argv.slice(2);
if (!inputDir) {
    console.error("usage: node reference.mjs INPUT_DIR [--write-reference FIXTURES_DIR]");
    process.exit(2);
}
const writeAt = rest[0] === "--write-reference" ? rest[1] : undefined;

const llama = await getLlama({gpu: false, build: "never", logLevel: "error"});
const packageVersion = JSON.parse(readFileSync(new URL("./node_modules/node-llama-cpp/package.json", import.meta.url))).version;
console.log(`node-llama-cpp ${packageVersion}, llama.cpp ${llama.llamaCppRelease.repo} ${llama.llamaCppRelease.release}, CPU, 2 threads`);

async function greedy(modelPath, prompt) {
    const model = await llama.loadModel({modelPath, gpuLayers: 0});
    const context = await model.createContext({contextSize: 256, batchSize: 128, threads: 2, sequences: 1});
    const tokens = [];
    try {
        const sequence = context.getSequence();
        for await (const token of sequence.evaluate(prompt, {temperature: 0, yieldEogToken: true})) {
            tokens.push(token);
            if (tokens.length === STEPS) break;
        }
    } finally {
        await context.dispose();
        await model.dispose();
    }
    return tokens;
}

const sha256 = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");
const matching = (a, b) => a.filter((token, i) => token === b[i]).length;
// How many tokens agree before the first difference: after one, the two continuations see different histories.
const prefix = (a, b) => { let i = 0; while (i < a.length && a[i] === b[i]) i++; return i; };

let failed = false;
const rows = [];
for (const fixture of readdirSync(inputDir).sort()) {
    const honeFile = join(inputDir, fixture, "hone.json");
    if (!existsSync(honeFile)) continue;
    const hone = JSON.parse(readFileSync(honeFile, "utf8"));
    const reference = {fixture, node_llama_cpp: packageVersion, llama_cpp: llama.llamaCppRelease.release,
        prompt_tokens: hone.prompt.length, exports: {}};
    for (const type of TYPES) {
        const gguf = join(inputDir, fixture, `${type}.gguf`);
        const tokens = await greedy(gguf, hone.prompt);
        reference.exports[type] = {sha256: sha256(gguf), greedy: tokens,
            same_as_hone: matching(tokens, hone.hone_greedy), same_prefix_as_hone: prefix(tokens, hone.hone_greedy)};
        rows.push([fixture, type, matching(tokens, hone.hone_greedy), prefix(tokens, hone.hone_greedy),
            hone.pytorch_greedy ? matching(tokens, hone.pytorch_greedy) : "n/a"]);
        if (type === "f32" && matching(tokens, hone.hone_greedy) !== STEPS) {
            failed = true;
            console.error(`${fixture} f32: llama.cpp ${JSON.stringify(tokens)}\n${" ".repeat(fixture.length)}       Hone      ${JSON.stringify(hone.hone_greedy)}`);
        }
    }
    if (hone.pytorch_greedy && JSON.stringify(hone.hone_greedy) !== JSON.stringify(hone.pytorch_greedy)) {
        failed = true;
        console.error(`${fixture}: Hone's greedy continuation differs from PyTorch's reference.json`);
    }
    if (writeAt && hone.pytorch_greedy) writeFileSync(join(writeAt, fixture, "llamacpp.json"), JSON.stringify(reference, null, 2) + "\n");
}
console.log("| fixture | export | llama.cpp tokens equal to Hone's (of 32) | equal prefix | equal to PyTorch's |");
console.log("|---|---|---|---|---|");
for (const [fixture, type, same, samePrefix, pytorch] of rows) console.log(`| ${fixture} | ${type} | ${same} | ${samePrefix} | ${pytorch} |`);
process.exit(failed ? 1 : 0);
