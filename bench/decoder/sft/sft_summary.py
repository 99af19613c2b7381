"""Reads what bench/decoder/sft/run printed and prints the medians per engine, the ratios Hone / PyTorch
and the step's FLOP-based lower bound.

  sft_summary.py OUTPUT WORK      WORK holds MODEL.config.json for each model the run wrote

The bound counts the products a LoRA step cannot avoid, at the best f32 GEMM rate either engine
measured in the run (each measures its own on the step's largest product shape, tokens × hidden →
intermediate): the forward's linear layers and LM head (2·tokens·params), the backward's input
gradients through the same frozen weights (as much again; frozen weights need no weight gradient),
causal attention (QKᵀ and PV over the lower triangle, ×3 with the backward), the adapters' own
products (×3). It leaves out everything that is not a product (norms, softmax, rotary, AdamW) and
activation checkpointing's second forward, which Hone runs and the PyTorch peer does not.
"""
import json
import pathlib
import statistics
import sys
from collections import defaultdict

BATCH, SEQUENCE, RANK = 4, 256, 8
output = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")
work = pathlib.Path(sys.argv[2])
FIELDS = ["step_s", "first_loss", "gemm_gflops", "peak_rss_mb"]
runs = defaultdict(lambda: defaultdict(list))   # (engine, model) → field → values (one per process)
for line in output.splitlines():
    if not line.startswith("sft-figures "):
        continue
    parts = line.split()
    engine, model = parts[1], parts[2]
    values = dict(zip(parts[4::2], parts[5::2]))
    for field in FIELDS:
        runs[(engine, model)][field].append(float(values[field]))


def median(key, field):
    return statistics.median(runs[key][field])


def step_flops(config):
    hidden, inter, layers = config["hidden_size"], config["intermediate_size"], config["num_hidden_layers"]
    d = config.get("head_dim") or hidden // config["num_attention_heads"]
    q, kv = config["num_attention_heads"] * d, config["num_key_value_heads"] * d
    tokens = BATCH * SEQUENCE
    linear = layers * (hidden * q + 2 * hidden * kv + q * hidden + 3 * hidden * inter) + hidden * config["vocab_size"]
    attention = layers * BATCH * config["num_attention_heads"] * 2 * (SEQUENCE * (SEQUENCE + 1) // 2) * d * 2
    adapters = layers * tokens * 2 * RANK * ((hidden + q) + 2 * (hidden + kv) + (q + hidden))
    return 2 * 2 * tokens * linear + 3 * attention + 3 * adapters


models = sorted({model for _, model in runs})
print("== medians over the processes (each one the median of its timed steps; processes in brackets) ==")
print(f"{'model':<14} {'engine':<8} {'step s':>8} {'tokens/s':>9} {'peak RSS MB':>11} {'GEMM GFLOP/s':>12} {'first loss':>10}")
for model in models:
    for engine in ("hone", "pytorch"):
        key = (engine, model)
        if key not in runs:
            continue
        step = median(key, "step_s")
        print(f"{model:<14} {engine:<8} {step:>8.2f} {BATCH * SEQUENCE / step:>9.1f} {median(key, 'peak_rss_mb'):>11.0f} "
              f"{median(key, 'gemm_gflops'):>12.1f} {median(key, 'first_loss'):>10.4f}  [{len(runs[key]['step_s'])}]")

print("== ratios Hone / PyTorch (step time: target <= 1.0) ==")
for model in models:
    if ("hone", model) not in runs or ("pytorch", model) not in runs:
        continue
    ratio = median(("hone", model), "step_s") / median(("pytorch", model), "step_s")
    rss = median(("hone", model), "peak_rss_mb") / median(("pytorch", model), "peak_rss_mb")
    print(f"{model}: step time {ratio:.2f}x {'met' if ratio <= 1.0 else 'NOT met'}, peak RSS {rss:.2f}x")

rates = [(max(values["gemm_gflops"]), engine) for (engine, _), values in runs.items()]
best, source = max(rates)
print(f"== FLOP lower bound at the best f32 GEMM rate measured in this run: {best:.1f} GFLOP/s ({source}'s products) ==")
for model in models:
    config = json.loads((work / f"{model}.config.json").read_text())
    flops = step_flops(config)
    bound = flops / best / 1e9
    cells = [f"{engine} {median((engine, model), 'step_s') / bound:.2f}x of it"
             for engine in ("hone", "pytorch") if (engine, model) in runs]
    print(f"{model}: {flops / 1e12:.2f} TFLOP per step -> >= {bound:.2f} s; " + ", ".join(cells))
