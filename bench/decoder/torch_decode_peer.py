#!/usr/bin/env python3
"""The decode benchmark's PyTorch peer, and the writer of its random checkpoints.

  torch_decode_peer.py write FOLDER MODEL DTYPE [SEED]   a Hugging Face folder (config.json,
      model.safetensors) at MODEL's real shapes (smollm2-135m or qwen2.5-0.5b) with seeded random
      weights stored as DTYPE (F32 or BF16); speed does not depend on the values. Beside them a
      stand-in byte-level BPE tokenizer (tokenizer.json, tokenizer_config.json), which Hone's GGUF
      export carries into the file for llama.cpp; the benchmark feeds token ids, so it is never used
  torch_decode_peer.py measure FOLDER MODEL DTYPE        prefill and decode timings and peak
      resident memory, on one line (bench/java's DecodeBench prints Hone's in the same form)

The model is the Hugging Face Llama/Qwen2 math (as hone-engine/src/test/python/decoder_reference.py
writes it) in eager PyTorch with a key/value cache: each sequence's keys and values are kept per
layer and a step appends one position, so a decoding step costs one token's products, as Hone's.
Weights are read from the safetensors file into tensors of the compute type (f32, or bf16 as
transformers runs a model loaded with torch_dtype=bfloat16); torch.set_num_threads(2).
"""
import json
import math
import pathlib
import resource
import struct
import sys
import time

import torch
import torch.nn.functional as F

# config.json of each model as published on the Hugging Face hub (only what the forward pass reads).
CONFIGS = {
    "smollm2-135m": dict(architectures=["LlamaForCausalLM"], model_type="llama", hidden_size=576,
                         intermediate_size=1536, num_hidden_layers=30, num_attention_heads=9,
                         num_key_value_heads=3, head_dim=64, vocab_size=49152, max_position_embeddings=8192,
                         rms_norm_eps=1e-5, rope_theta=100000.0, rope_scaling=None, tie_word_embeddings=True,
                         attention_bias=False, mlp_bias=False, hidden_act="silu", bos_token_id=0, eos_token_id=0),
    "qwen2.5-0.5b": dict(architectures=["Qwen2ForCausalLM"], model_type="qwen2", hidden_size=896,
                         intermediate_size=4864, num_hidden_layers=24, num_attention_heads=14,
                         num_key_value_heads=2, vocab_size=151936, max_position_embeddings=32768,
                         rms_norm_eps=1e-6, rope_theta=1000000.0, sliding_window=32768, use_sliding_window=False,
                         max_window_layers=24, tie_word_embeddings=True, hidden_act="silu",
                         bos_token_id=151643, eos_token_id=151643),
}
PREFILL_TOKENS = 512
PROMPT_TOKENS = 16
NEW_TOKENS = 128
BATCH = 8
WARM_UP_STEPS = 8


def head_dim(config):
    return config.get("head_dim") or config["hidden_size"] // config["num_attention_heads"]


def shapes(config):
    """name → shape of every tensor the checkpoint holds, in the order transformers saves them."""
    hidden, inter = config["hidden_size"], config["intermediate_size"]
    q = config["num_attention_heads"] * head_dim(config)
    kv = config["num_key_value_heads"] * head_dim(config)
    qkv_bias = config["architectures"][0] == "Qwen2ForCausalLM"
    tensors = {"model.embed_tokens.weight": (config["vocab_size"], hidden)}
    for i in range(config["num_hidden_layers"]):
        p = f"model.layers.{i}."
        tensors[p + "input_layernorm.weight"] = (hidden,)
        for name, out in (("q_proj", q), ("k_proj", kv), ("v_proj", kv)):
            tensors[p + f"self_attn.{name}.weight"] = (out, hidden)
            if qkv_bias:
                tensors[p + f"self_attn.{name}.bias"] = (out,)
        tensors[p + "self_attn.o_proj.weight"] = (hidden, q)
        tensors[p + "post_attention_layernorm.weight"] = (hidden,)
        tensors[p + "mlp.gate_proj.weight"] = (inter, hidden)
        tensors[p + "mlp.up_proj.weight"] = (inter, hidden)
        tensors[p + "mlp.down_proj.weight"] = (hidden, inter)
    tensors["model.norm.weight"] = (hidden,)
    return tensors


def write(folder, model, dtype, seed):
    """Streams seeded random tensors into model.safetensors, one at a time (the header goes first)."""
    config = CONFIGS[model]
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(dict(config, torch_dtype="bfloat16" if dtype == "BF16" else "float32"),
                                                   indent=2) + "\n")
    width = 2 if dtype == "BF16" else 4
    header = {"__metadata__": {"format": "pt"}}
    offset = 0
    for name, shape in shapes(config).items():
        size = math.prod(shape) * width
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + size]}
        offset += size
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    generator = torch.Generator().manual_seed(seed)
    with open(folder / "model.safetensors", "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for name, shape in shapes(config).items():
            if len(shape) == 1:
                values = 1 + 0.1 * torch.randn(shape, generator=generator)      # norms and biases
            else:
                values = torch.randn(shape, generator=generator) / math.sqrt(shape[1])
            stored = values.to(torch.bfloat16).view(torch.int16) if dtype == "BF16" else values
            out.write(stored.numpy().tobytes())
    write_tokenizer(folder, config)


def byte_level_alphabet():
    """GPT-2's bytes_to_unicode: printable bytes stand for themselves, the others for code points from 256 up."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    extra = iter(range(256, 512))
    return [chr(b) if b in printable else chr(next(extra)) for b in range(256)]


def write_tokenizer(folder, config):
    """The smallest byte-level BPE tokenizer Hone exports: the end-of-text token at the config's eos id
    (as the real models have it), the 256 byte tokens at the next free ids and one merge; the GGUF
    export pads the vocabulary to vocab_size."""
    eos = config["eos_token_id"]
    ids = (i for i in range(config["vocab_size"]) if i != eos)
    vocab = {token: next(ids) for token in byte_level_alphabet()}
    vocab["Ġt"] = next(ids)
    vocab["<|endoftext|>"] = eos
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    tokenizer = {"version": "1.0", "truncation": None, "padding": None,
                 "added_tokens": [{"id": eos, "content": "<|endoftext|>", "single_word": False, "lstrip": False,
                                   "rstrip": False, "normalized": False, "special": True}],
                 "normalizer": None, "pre_tokenizer": byte_level, "post_processor": None, "decoder": byte_level,
                 "model": {"type": "BPE", "dropout": None, "unk_token": None, "fuse_unk": False, "byte_fallback": False,
                           "vocab": vocab, "merges": ["Ġ t"]}}
    (folder / "tokenizer.json").write_text(json.dumps(tokenizer, ensure_ascii=False))
    (folder / "tokenizer_config.json").write_text(json.dumps(
        {"bos_token": None, "eos_token": "<|endoftext|>", "add_bos_token": False}) + "\n")


def read_weights(folder, dtype):
    """name → tensor in the compute type, read tensor by tensor from the file (bf16 bits kept as they are)."""
    weights = {}
    with open(pathlib.Path(folder) / "model.safetensors", "rb") as file:
        (length,) = struct.unpack("<Q", file.read(8))
        header = json.loads(file.read(length))
        start = 8 + length
        for name, spec in header.items():
            if name == "__metadata__":
                continue
            begin, end = spec["data_offsets"]
            file.seek(start + begin)
            raw = bytearray(file.read(end - begin))
            if spec["dtype"] == "BF16":
                values = torch.frombuffer(raw, dtype=torch.int16).view(torch.bfloat16)
            else:
                values = torch.frombuffer(raw, dtype=torch.float32)
            weights[name] = values.reshape(spec["shape"]).to(dtype)
    return weights


class Peer:
    """Hugging Face's Llama/Qwen2 forward pass with a key/value cache per sequence of a batch."""

    def __init__(self, folder, dtype):
        self.config = json.loads((pathlib.Path(folder) / "config.json").read_text())
        self.w = read_weights(folder, dtype)
        self.dtype = dtype
        c = self.config
        self.heads, self.kv_heads, self.d = c["num_attention_heads"], c["num_key_value_heads"], head_dim(c)
        d = self.d
        inv_freq = 1.0 / (c["rope_theta"] ** (torch.arange(0, d, 2, dtype=torch.int64).float() / d))
        self.inv_freq = inv_freq                                               # angles in f32, as transformers

    def new_cache(self, batch):
        return {"length": 0, "k": [None] * self.config["num_hidden_layers"], "v": [None] * self.config["num_hidden_layers"]}

    def linear(self, x, name):
        return F.linear(x, self.w[name + ".weight"], self.w.get(name + ".bias"))

    def rms_norm(self, x, name):
        # transformers' RMSNorm computes in f32 and casts back
        x32 = x.float()
        x32 = x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + self.config["rms_norm_eps"])
        return self.w[name].to(self.dtype) * x32.to(self.dtype)

    def forward(self, tokens, cache):
        """tokens (batch, seq), all sequences at the cache's length → last position's logits (batch, vocab)."""
        last = self.rms_norm(self.hidden(tokens, cache)[:, -1, :], "model.norm.weight")
        return F.linear(last, self.w["model.embed_tokens.weight"]).float()

    def hidden(self, tokens, cache):
        """tokens (batch, seq), all sequences at the cache's length → the last layer's output (batch, seq, hidden)."""
        batch, seq = tokens.shape
        start = cache["length"]
        positions = torch.arange(start, start + seq).float()
        angles = torch.outer(positions, self.inv_freq)
        angles = torch.cat((angles, angles), dim=-1)
        cos, sin = angles.cos().to(self.dtype), angles.sin().to(self.dtype)    # (seq, d)
        mask = None
        if seq > 1:
            mask = torch.full((seq, start + seq), float("-inf")).triu(start + 1).to(self.dtype)
        x = self.w["model.embed_tokens.weight"][tokens]                         # (batch, seq, hidden)
        for i in range(self.config["num_hidden_layers"]):
            p = f"model.layers.{i}."
            h = self.rms_norm(x, p + "input_layernorm.weight")
            q = self.linear(h, p + "self_attn.q_proj").view(batch, seq, self.heads, self.d).transpose(1, 2)
            k = self.linear(h, p + "self_attn.k_proj").view(batch, seq, self.kv_heads, self.d).transpose(1, 2)
            v = self.linear(h, p + "self_attn.v_proj").view(batch, seq, self.kv_heads, self.d).transpose(1, 2)
            q = q * cos + rotate_half(q) * sin
            k = k * cos + rotate_half(k) * sin
            if cache["k"][i] is not None:
                k = torch.cat((cache["k"][i], k), dim=2)
                v = torch.cat((cache["v"][i], v), dim=2)
            cache["k"][i], cache["v"][i] = k, v                                 # (batch, kv, positions, d)
            group = self.heads // self.kv_heads
            kk = k.repeat_interleave(group, dim=1)
            vv = v.repeat_interleave(group, dim=1)
            scores = q @ kk.transpose(2, 3) * self.d ** -0.5                    # (batch, heads, seq, positions)
            if mask is not None:
                scores = scores + mask
            probabilities = torch.softmax(scores, dim=-1, dtype=torch.float32).to(self.dtype)
            context = (probabilities @ vv).transpose(1, 2).reshape(batch, seq, self.heads * self.d)
            x = x + self.linear(context, p + "self_attn.o_proj")
            h = self.rms_norm(x, p + "post_attention_layernorm.weight")
            x = x + self.linear(F.silu(self.linear(h, p + "mlp.gate_proj")) * self.linear(h, p + "mlp.up_proj"),
                                p + "mlp.down_proj")
        cache["length"] += seq
        return x


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def prompts(count, length, vocabulary, seed):
    generator = torch.Generator().manual_seed(seed)
    return torch.randint(0, vocabulary, (count, length), generator=generator)


def decode_rate(peer, batch, steps=NEW_TOKENS):
    """Tokens per second over `steps` greedy steps of `batch` sequences after a PROMPT_TOKENS prefill."""
    cache = peer.new_cache(batch)
    logits = peer.forward(prompts(batch, PROMPT_TOKENS, peer.config["vocab_size"], 7), cache)
    begin = time.perf_counter()
    for _ in range(steps):
        logits = peer.forward(logits.argmax(-1, keepdim=True), cache)
    return batch * steps / (time.perf_counter() - begin)


def measure(folder, model, dtype_name):
    torch.set_num_threads(2)
    dtype = torch.bfloat16 if dtype_name == "BF16" else torch.float32
    begin = time.perf_counter()
    peer = Peer(folder, dtype)
    load = time.perf_counter() - begin
    with torch.inference_mode():
        # the same warm-up as DecodeBench's: a short prefill and 8 steps at batch 1 and at batch 8
        peer.forward(prompts(1, 32, peer.config["vocab_size"], 3), peer.new_cache(1))
        decode_rate(peer, 1, WARM_UP_STEPS)
        decode_rate(peer, BATCH, WARM_UP_STEPS)
        cache = peer.new_cache(1)
        begin = time.perf_counter()
        peer.forward(prompts(1, PREFILL_TOKENS, peer.config["vocab_size"], 5), cache)
        prefill = PREFILL_TOKENS / (time.perf_counter() - begin)
        batch1 = decode_rate(peer, 1)
        batch8 = decode_rate(peer, BATCH)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"decode-figures pytorch {model} {dtype_name} load_s {load:.2f} prefill_tok_s {prefill:.1f} "
          f"batch1_tok_s {batch1:.2f} batch8_tok_s {batch8:.2f} peak_rss_mb {peak:.0f}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 19)
    elif sys.argv[1] == "measure":
        measure(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit("usage: torch_decode_peer.py write FOLDER MODEL F32|BF16 [SEED] | measure FOLDER MODEL F32|BF16")
