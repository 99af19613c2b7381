"""Reads what bench/decoder/run printed and prints the medians per engine, the ratios Hone / PyTorch
and Hone / llama.cpp at the same weight type, and how close batch-1 decoding comes to the
memory-bandwidth bound."""
import re
import statistics
import sys
from collections import defaultdict

text = open(sys.argv[1], encoding="utf-8").read()
FIELDS = ["load_s", "prefill_tok_s", "batch1_tok_s", "batch8_tok_s", "peak_rss_mb"]
ENGINES = ["hone", "pytorch", "llama.cpp"]
# Issue 19's targets for decoding, as Hone's rate over the peer's: >= 1.0x PyTorch, >= 0.7x llama.cpp.
DECODE_TARGETS = {"pytorch": 1.0, "llama.cpp": 0.7}
runs = defaultdict(lambda: defaultdict(list))   # (engine, model, type) → field → values
weights = {}
for line in text.splitlines():
    if not line.startswith("decode-figures "):
        continue
    parts = line.split()
    engine, model, dtype = parts[1:4]
    values = dict(zip(parts[4::2], map(float, parts[5::2])))
    for field in FIELDS:
        runs[(engine, model, dtype)][field].append(values[field])
    if "weight_mb" in values:
        weights[(model, dtype)] = values["weight_mb"]
# The triad runs once per round; the machine's bandwidth is the best any round saw.
triads = re.findall(r"triad threads (\d+) best_gb_s ([\d.]+) median_gb_s ([\d.]+)", text)


def median(key, field):
    values = runs.get(key, {}).get(field)
    return statistics.median(values) if values else None


print("== medians (rounds per cell in brackets) ==")
print(f"{'model':<14} {'weights':<7} {'engine':<9} {'prefill 512 tok/s':>17} {'decode b1 tok/s':>15} {'decode b8 tok/s':>15} "
      f"{'peak RSS MB':>11} {'load s':>7}")
for key in sorted(runs, key=lambda k: (k[1], k[2], ENGINES.index(k[0]))):
    engine, model, dtype = key
    count = len(runs[key]["batch1_tok_s"])
    print(f"{model:<14} {dtype:<7} {engine:<9} {median(key, 'prefill_tok_s'):>17.1f} {median(key, 'batch1_tok_s'):>15.2f} "
          f"{median(key, 'batch8_tok_s'):>15.2f} {median(key, 'peak_rss_mb'):>11.0f} {median(key, 'load_s'):>7.2f}  [{count}]")

for peer, target in DECODE_TARGETS.items():
    print(f"== ratios Hone / {peer}, same weight type (target for decode: >= {target}) ==")
    for (engine, model, dtype) in sorted(runs):
        if engine != "hone" or (peer, model, dtype) not in runs:
            continue
        cells = []
        for field, name in (("prefill_tok_s", "prefill"), ("batch1_tok_s", "decode b1"), ("batch8_tok_s", "decode b8")):
            ratio = median(("hone", model, dtype), field) / median((peer, model, dtype), field)
            met = "" if field == "prefill_tok_s" else (" met" if ratio >= target else " NOT met")
            cells.append(f"{name} {ratio:.2f}x{met}")
        rss = median(("hone", model, dtype), "peak_rss_mb") / median((peer, model, dtype), "peak_rss_mb")
        # Round by round (the engines ran minutes apart in each), since a shared machine's load moves.
        rounds = " ".join(f"{h:.1f}/{p:.1f}" for h, p in zip(runs[("hone", model, dtype)]["batch1_tok_s"],
                                                           runs[(peer, model, dtype)]["batch1_tok_s"]))
        print(f"{model} {dtype}: " + ", ".join(cells) + f", peak RSS {rss:.2f}x; decode b1 by round, Hone/{peer}: {rounds}")

if triads:
    best = max(float(t[1]) for t in triads)
    typical = statistics.median(float(t[2]) for t in triads)
    print(f"== batch-1 decoding against memory bandwidth (triad, {triads[0][0]} threads: best {best:g} GB/s over "
          f"{len(triads)} rounds, median of the rounds' medians {typical:g} GB/s) ==")
    for (model, dtype), megabytes in sorted(weights.items()):
        for engine in ENGINES:
            rate = median((engine, model, dtype), "batch1_tok_s")
            if rate is None:
                continue
            streamed = megabytes * rate / 1000
            print(f"{model} {dtype} {engine}: {megabytes:.0f} MB of weights per token x {rate:.2f} tok/s = {streamed:.1f} GB/s, "
                  f"{100 * streamed / best:.0f}% of the best triad ({best / megabytes * 1000:.0f} tok/s bound)")
