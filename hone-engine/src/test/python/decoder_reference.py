#!/usr/bin/env python3
"""Writes the decoder's test fixtures and what PyTorch computes from them.

Each fixture is a small random checkpoint in the Hugging Face folder layout (config.json and
model.safetensors, or shards with model.safetensors.index.json), seeded, so the files are the same
on every run. Beside them:

  reference.json                the prompt, PyTorch's greedy continuation, the smallest gap between
                                the two best logits over that continuation, and how far this f32
                                evaluation is from the same forward pass in f64
  reference-logits.safetensors  "logits": PyTorch's f32 logits at the prompt positions listed in
                                reference.json (positions × vocab)

The reference is written here from the Hugging Face modeling code's math (modeling_llama,
modeling_qwen2, modeling_mistral and modeling_rope_utils), not imported: transformers and
safetensors are not installed here, and an implementation we did not write is the point. It reads
the weights back from the safetensors files it wrote, so the 16-bit weights it uses are exactly
the stored ones, widened to f32, and it computes in f32 as transformers does with torch_dtype=float32.

Run from the repository root with Debian's python3-torch and numpy:

    /usr/bin/python3 hone-engine/src/test/python/decoder_reference.py

The Java side is dev.hone.engine.decoder.DecoderReferenceTest.
"""
import argparse
import json
import math
import pathlib
import struct

import numpy as np
import torch
import torch.nn.functional as F

PROMPT_TOKENS = 64
GREEDY_TOKENS = 32
# Prompt positions whose logits are stored: the first few (attending to one, two, three tokens),
# then every eighth through the last. All 64 would triple a fixture's size; the Java test checks
# every position of its own prefill against its step-by-step decoding instead.
LOGIT_POSITIONS = [0, 1, 2] + list(range(7, PROMPT_TOKENS, 8))
# Greedy tokens are compared exactly, so every step's best logit must beat the second by far more
# than f32 evaluation noise (about 1e-5 here); a seed that gives a closer call is refused.
MIN_GREEDY_MARGIN = 1e-3
# Token embeddings smaller than the layers' outputs (which are near unit size), so the layers, not
# the token itself, decide the next token, as in a trained model.
EMBEDDING_STD = 0.3
DEFAULT_OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "decoder"

COMMON = dict(hidden_size=32, intermediate_size=64, num_hidden_layers=2, vocab_size=300,
              rms_norm_eps=1e-5, hidden_act="silu", bos_token_id=1, eos_token_id=2)

FIXTURES = [
    # Grouped-query attention (two query heads per key/value head), tied embeddings as SmolLM2.
    dict(name="llama-gqa-f32", dtype="F32",
         config=dict(architectures=["LlamaForCausalLM"], model_type="llama", num_attention_heads=4,
                     num_key_value_heads=2, rope_theta=10000.0, rope_scaling=None, max_position_embeddings=256,
                     tie_word_embeddings=True, attention_bias=False, mlp_bias=False)),
    # Llama 3.1 rope scaling; original context 64 with 16-wide heads puts one frequency above the
    # high-frequency cut, two between the cuts (smoothed) and five below (divided by the factor).
    dict(name="llama3-rope-bf16", dtype="BF16",
         config=dict(architectures=["LlamaForCausalLM"], model_type="llama", num_attention_heads=2,
                     num_key_value_heads=1, head_dim=16, rope_theta=10000.0,
                     rope_scaling=dict(rope_type="llama3", factor=8.0, low_freq_factor=1.0, high_freq_factor=4.0,
                                       original_max_position_embeddings=64),
                     max_position_embeddings=1024, tie_word_embeddings=False, attention_bias=False, mlp_bias=False,
                     eos_token_id=[2, 3])),
    # Qwen2: q/k/v biases, an untied head, and a sliding window that is switched off.
    dict(name="qwen2-bias-f16", dtype="F16",
         config=dict(architectures=["Qwen2ForCausalLM"], model_type="qwen2", num_attention_heads=4,
                     num_key_value_heads=2, rope_theta=1000000.0, rope_scaling=None, max_position_embeddings=512,
                     tie_word_embeddings=False, use_sliding_window=False, sliding_window=32, max_window_layers=2)),
    # Mistral: four query heads on one key/value head, head_dim 16 wider than hidden/heads (8).
    dict(name="mistral-bf16", dtype="BF16",
         config=dict(architectures=["MistralForCausalLM"], model_type="mistral", num_attention_heads=4,
                     num_key_value_heads=1, head_dim=16, rope_theta=10000.0, max_position_embeddings=512,
                     sliding_window=4096, tie_word_embeddings=False)),
    # Two shards and an index; no num_key_value_heads (so one per head); Llama's attention_bias, which
    # biases o_proj too; linear rope scaling under its older key "type".
    dict(name="llama-sharded-f16", dtype="F16", shards=2,
         config=dict(architectures=["LlamaForCausalLM"], model_type="llama", num_attention_heads=4,
                     rope_theta=10000.0, rope_scaling=dict(type="linear", factor=2.0),
                     max_position_embeddings=256, tie_word_embeddings=False, attention_bias=True, mlp_bias=False)),
]

TORCH_DTYPES = {"F32": "float32", "F16": "float16", "BF16": "bfloat16"}


# ---------------------------------------------------------------- checkpoint

def head_dim(config):
    return config.get("head_dim") or config["hidden_size"] // config["num_attention_heads"]


def biases(config):
    """Which projections carry a bias, as each architecture's modeling code builds them."""
    arch = config["architectures"][0]
    if arch == "Qwen2ForCausalLM":
        return {"q_proj", "k_proj", "v_proj"}
    if arch == "LlamaForCausalLM":
        attention = {"q_proj", "k_proj", "v_proj", "o_proj"} if config.get("attention_bias") else set()
        mlp = {"gate_proj", "up_proj", "down_proj"} if config.get("mlp_bias") else set()
        return attention | mlp
    return set()


def random_weights(config, rng):
    """Weights scaled so activations stay near unit size and attention is neither flat nor one-hot."""
    hidden = config["hidden_size"]
    heads = config["num_attention_heads"]
    kv_heads = config.get("num_key_value_heads") or heads
    d = head_dim(config)
    inter = config["intermediate_size"]
    with_bias = biases(config)
    weights = {"model.embed_tokens.weight": rng.normal(0, EMBEDDING_STD, (config["vocab_size"], hidden))}

    def norm(name):
        weights[name] = 1 + 0.1 * rng.normal(0, 1, hidden)

    def linear(name, out_features, in_features):
        weights[name + ".weight"] = rng.normal(0, 1 / math.sqrt(in_features), (out_features, in_features))
        if name.rsplit(".", 1)[1] in with_bias:
            weights[name + ".bias"] = rng.normal(0, 0.5, out_features)

    for i in range(config["num_hidden_layers"]):
        p = f"model.layers.{i}."
        norm(p + "input_layernorm.weight")
        linear(p + "self_attn.q_proj", heads * d, hidden)
        linear(p + "self_attn.k_proj", kv_heads * d, hidden)
        linear(p + "self_attn.v_proj", kv_heads * d, hidden)
        linear(p + "self_attn.o_proj", hidden, heads * d)
        norm(p + "post_attention_layernorm.weight")
        linear(p + "mlp.gate_proj", inter, hidden)
        linear(p + "mlp.up_proj", inter, hidden)
        linear(p + "mlp.down_proj", hidden, inter)
    norm("model.norm.weight")
    if not config["tie_word_embeddings"]:
        weights["lm_head.weight"] = rng.normal(0, 1, (config["vocab_size"], hidden))
    return {name: np.asarray(value, dtype=np.float32) for name, value in weights.items()}


def stored_bytes(values, dtype):
    """Little-endian bytes of values rounded to dtype (round to nearest even, as torch rounds)."""
    if dtype == "F32":
        return values.astype("<f4").tobytes()
    if dtype == "F16":
        return values.astype("<f2").tobytes()
    bits = torch.from_numpy(values).to(torch.bfloat16).view(torch.int16).numpy()
    return bits.astype("<i2").tobytes()


def write_safetensors(path, tensors, dtype):
    """The format by hand: 8-byte little-endian header length, JSON header, raw data; header padded to 8."""
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name, values in tensors.items():
        blob = stored_bytes(values, dtype)
        header[name] = {"dtype": dtype, "shape": list(values.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for blob in blobs:
            out.write(blob)
    return offset


def write_checkpoint(folder, weights, dtype, shards):
    if shards == 1:
        write_safetensors(folder / "model.safetensors", weights, dtype)
        return
    names = list(weights)
    per_shard = math.ceil(len(names) / shards)
    weight_map = {}
    total = 0
    for s in range(shards):
        file = f"model-{s + 1:05d}-of-{shards:05d}.safetensors"
        part = {name: weights[name] for name in names[s * per_shard:(s + 1) * per_shard]}
        total += write_safetensors(folder / file, part, dtype)
        weight_map.update({name: file for name in part})
    index = {"metadata": {"total_size": total}, "weight_map": weight_map}
    (folder / "model.safetensors.index.json").write_text(json.dumps(index, indent=2) + "\n")


def read_safetensors(path):
    """name → f32 torch tensor, widening 16-bit values exactly."""
    data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    start = 8 + length
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        begin, end = spec["data_offsets"]
        raw = data[start + begin:start + end]
        if spec["dtype"] == "F32":
            values = np.frombuffer(raw, dtype="<f4")
        elif spec["dtype"] == "F16":
            values = np.frombuffer(raw, dtype="<f2").astype(np.float32)
        else:
            values = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        tensors[name] = torch.from_numpy(values.reshape(spec["shape"]).copy())
    return tensors


def read_checkpoint(folder):
    index = folder / "model.safetensors.index.json"
    if not index.exists():
        return read_safetensors(folder / "model.safetensors")
    tensors = {}
    for file in sorted(set(json.loads(index.read_text())["weight_map"].values())):
        tensors.update(read_safetensors(folder / file))
    return tensors


# ---------------------------------------------------------------- the forward pass (Hugging Face's math)

def inverse_frequencies(config, dtype):
    """RoPE inverse frequencies: theta^(-2i/d), then linear or llama3 scaling (modeling_rope_utils)."""
    d = head_dim(config)
    exponents = torch.arange(0, d, 2, dtype=torch.int64).to(dtype) / d
    inv_freq = 1.0 / (config["rope_theta"] ** exponents)
    scaling = config.get("rope_scaling")
    kind = None if scaling is None else scaling.get("rope_type", scaling.get("type"))
    if kind in (None, "default"):
        return inv_freq
    if kind == "linear":
        return inv_freq / scaling["factor"]
    assert kind == "llama3", kind
    factor = scaling["factor"]
    low, high = scaling["low_freq_factor"], scaling["high_freq_factor"]
    old_context = scaling["original_max_position_embeddings"]
    low_freq_wavelength = old_context / low
    high_freq_wavelength = old_context / high
    wavelength = 2 * math.pi / inv_freq
    # Long wavelengths (low frequencies) are divided by the factor, short ones kept, the ones between blended.
    scaled = torch.where(wavelength > low_freq_wavelength, inv_freq / factor, inv_freq)
    smooth = (old_context / wavelength - low) / (high - low)
    blended = (1 - smooth) * scaled / factor + smooth * scaled
    medium = ~(wavelength < high_freq_wavelength) * ~(wavelength > low_freq_wavelength)
    return torch.where(medium, blended, scaled)


def rms_norm(x, weight, eps):
    variance = x.pow(2).mean(-1, keepdim=True)
    return weight * (x * torch.rsqrt(variance + eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def forward(weights, config, tokens, dtype):
    """Logits (seq × vocab) of the whole sequence, attending causally, no cache."""
    w = {name: value.to(dtype) for name, value in weights.items()}
    heads = config["num_attention_heads"]
    kv_heads = config.get("num_key_value_heads") or heads
    d = head_dim(config)
    eps = config["rms_norm_eps"]
    with_bias = biases(config)
    seq = len(tokens)

    def linear(x, name):
        bias = w[name + ".bias"] if name.rsplit(".", 1)[1] in with_bias else None
        return F.linear(x, w[name + ".weight"], bias)

    # Hugging Face computes the rotary angles in f32 whatever the model's dtype; the f64 run uses f64.
    angle_dtype = torch.float64 if dtype == torch.float64 else torch.float32
    inv_freq = inverse_frequencies(config, angle_dtype)
    positions = torch.arange(seq).to(angle_dtype)
    frequencies = (inv_freq[:, None] @ positions[None, :]).transpose(0, 1)   # (seq, d/2)
    angles = torch.cat((frequencies, frequencies), dim=-1)                  # (seq, d)
    cos, sin = angles.cos().to(dtype), angles.sin().to(dtype)
    mask = torch.full((seq, seq), torch.finfo(dtype).min, dtype=dtype).triu(1)

    x = w["model.embed_tokens.weight"][torch.tensor(tokens)]                 # (seq, hidden)
    for i in range(config["num_hidden_layers"]):
        p = f"model.layers.{i}."
        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = linear(h, p + "self_attn.q_proj").view(seq, heads, d).transpose(0, 1)      # (heads, seq, d)
        k = linear(h, p + "self_attn.k_proj").view(seq, kv_heads, d).transpose(0, 1)   # (kv, seq, d)
        v = linear(h, p + "self_attn.v_proj").view(seq, kv_heads, d).transpose(0, 1)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = k.repeat_interleave(heads // kv_heads, dim=0)                              # (heads, seq, d)
        v = v.repeat_interleave(heads // kv_heads, dim=0)
        scores = q @ k.transpose(1, 2) * d ** -0.5 + mask                              # (heads, seq, seq)
        probabilities = torch.softmax(scores, dim=-1, dtype=torch.float32 if dtype != torch.float64 else dtype)
        context = (probabilities.to(dtype) @ v).transpose(0, 1).reshape(seq, heads * d)
        x = x + linear(context, p + "self_attn.o_proj")
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        x = x + linear(F.silu(linear(h, p + "mlp.gate_proj")) * linear(h, p + "mlp.up_proj"), p + "mlp.down_proj")
    x = rms_norm(x, w["model.norm.weight"], eps)
    head = w["model.embed_tokens.weight"] if config["tie_word_embeddings"] else w["lm_head.weight"]
    return F.linear(x, head)                                                           # (seq, vocab)


def greedy(weights, config, prompt, steps):
    """Greedy continuation, each step a full forward pass; and the smallest top-1/top-2 gap."""
    tokens = list(prompt)
    margin = math.inf
    for _ in range(steps):
        last = forward(weights, config, tokens, torch.float32)[-1]
        best, second = torch.topk(last, 2).values.tolist()
        margin = min(margin, best - second)
        tokens.append(int(torch.argmax(last)))
    return tokens[len(prompt):], margin


# ---------------------------------------------------------------- fixtures

def write_fixture(spec, index, seed, out):
    folder = out / spec["name"]
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*"):
        old.unlink()
    config = dict(COMMON)
    config.update(spec["config"])
    config["torch_dtype"] = TORCH_DTYPES[spec["dtype"]]
    rng = np.random.default_rng([seed, index])
    write_checkpoint(folder, random_weights(config, rng), spec["dtype"], spec.get("shards", 1))
    (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n")

    weights = read_checkpoint(folder)
    prompt = [int(t) for t in rng.integers(0, config["vocab_size"], PROMPT_TOKENS)]
    with torch.no_grad():
        logits = forward(weights, config, prompt, torch.float32)
        exact = forward(weights, config, prompt, torch.float64)
        continuation, margin = greedy(weights, config, prompt, GREEDY_TOKENS)
    if margin < MIN_GREEDY_MARGIN:
        raise SystemExit(f"{spec['name']}: greedy margin {margin:.2e} is too close to call; choose another --seed")
    f64_difference = float((logits.double() - exact).abs().max())
    write_safetensors(folder / "reference-logits.safetensors", {"logits": logits[LOGIT_POSITIONS].numpy()}, "F32")
    reference = {
        "prompt": prompt,
        "logit_positions": LOGIT_POSITIONS,
        "greedy": continuation,
        "greedy_min_margin": round(margin, 6),
        "f32_vs_f64_max_abs_logit_difference": f64_difference,
        "generated_by": f"decoder_reference.py --seed {seed} (torch {torch.__version__})",
    }
    (folder / "reference.json").write_text(json.dumps(reference, indent=2) + "\n")
    size = sum(f.stat().st_size for f in folder.iterdir())
    print(f"{spec['name']:20} {size / 1024:6.1f} KiB  logits |max| {float(logits.abs().max()):6.2f}  "
          f"f32 vs f64 {f64_difference:.2e}  greedy margin {margin:.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    torch.set_num_threads(1)  # one reduction order on every machine
    for index, spec in enumerate(FIXTURES):
        write_fixture(spec, index, args.seed, args.out)


if __name__ == "__main__":
    main()
