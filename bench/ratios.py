"""Reads what bench/run printed (engine, ONNX Runtime and PyTorch lines) and prints issue 16's
targets as one table: each ratio from figures measured in the same run, with whether it is met."""
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()


def figure(pattern):
    match = re.search(pattern, text)
    return float(match.group(1)) if match else None


rows = []


def row(name, engine, peer, peer_name, higher_is_better, unit, limit=1.0, ratio=None):
    if engine is None or peer is None:
        rows.append((name, "missing", "", "", ""))
        return
    ratio = engine / peer if ratio is None else ratio
    met = ratio >= limit if higher_is_better else ratio <= limit
    target = ("≥ " if higher_is_better else "≤ ") + f"{limit:g}"
    rows.append((name, f"{engine:g} vs {peer_name} {peer:g} {unit}", f"{ratio:.2f}", target, "yes" if met else "no"))


# GemmBench alternates engine and peer round by round; the separate figures of EngineBench and
# torch_peer.py stand in when it did not run.
# Its ratio is the median of the rounds' ratios, which a swing in load between rounds moves less.
interleaved = re.search(r"^1024\^3\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)x", text, re.MULTILINE)
if interleaved:
    row("GEMM 1024³ (interleaved)", float(interleaved.group(1)), float(interleaved.group(2)), "PyTorch", True, "GFLOP/s",
        ratio=float(interleaved.group(3)))
else:
    row("GEMM 1024³", figure(r"gemm 1024\^3 engine: ([\d.]+)"), figure(r"gemm 1024\^3 pytorch: ([\d.]+)"),
        "PyTorch", True, "GFLOP/s")
for model in ("all-minilm-l6-v2", "bge-small-en-v1.5"):
    row(f"{model} batch 32", figure(rf"inference {model} batch 32: engine ([\d.]+)"),
        figure(rf"inference {model} batch 32: .*onnxruntime ([\d.]+)"), "ONNX Runtime", True, "sentences/s")
    row(f"{model} batch 1 p50", figure(rf"inference {model} batch 1 p50: engine ([\d.]+)"),
        figure(rf"inference {model} batch 1 p50: .*onnxruntime ([\d.]+)"), "ONNX Runtime", False, "ms")
for method in ("full", "lora"):
    row(f"training step {method} 16×32", figure(rf"training step {method} batch 16x32: engine ([\d.]+)"),
        figure(rf"training step {method} batch 16x32: pytorch ([\d.]+)"), "PyTorch", False, "ms")

for kind in ("full-finetune", "lora merged"):
    row(f"tuned {kind} batch 1 p50", figure(rf"tuned serving .*{kind} ([\d.]+) ms"),
        figure(r"tuned serving .*pretrained ([\d.]+) ms"), "pretrained", False, "ms", limit=1.15)

print("== ratios (engine / peer, same run) ==")
width = max(len(r[0]) for r in rows)
for name, figures, ratio, target, met in rows:
    print(f"{name:<{width}}  {ratio:>5}  target {target:<5}  met: {met:<3}  {figures}")
