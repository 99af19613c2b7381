"""The SetFit recipe in PyTorch on Hone's own encoder and draws: the few-shot protocol's peer.

For each run folder that FewShotBench wrote (`--write-draws`), this trains on exactly that folder's
train.jsonl and scores exactly its test.jsonl, with the token ids Hone's tokenizer produced
(peer/train.tokens, peer/test.tokens) and a BERT built in PyTorch from the ONNX weights Hone reads
(bench/torch_peer.py), pooled as Hone pools that encoder (peer/encoder.json: mean for all-MiniLM-L6-v2,
CLS for bge-small-en-v1.5) and L2-normalised. Before training it checks its embeddings of a few test
texts against Hone's (cosine >= 0.9999).

The recipe is SetFit v0.x's (SetFitTrainer with sentence-transformers' fit), as the paper ran it:
  pairs    `num_iterations` (20) rounds of sentence_pairs_generation: per round, for every training
           example in order, one positive pair with a uniformly drawn example of its label (which may be
           itself) and one negative pair with a uniformly drawn example of another label: 2 * 20 * |train|
  tuning   all weights, CosineSimilarityLoss (MSE between the pair's cosine and 1 or 0), batch 16 pairs,
           shuffled, one epoch; AdamW lr 2e-5, weight decay 0.01 except biases and LayerNorm, linear
           warm-up over the first 10% of steps then linear decay to 0, gradient norm clipped at 1; dropout 0.1
  head     logistic regression on the tuned (normalised) embeddings of the training texts: L2 with C = 1,
           unpenalised intercept, multinomial for more than two labels and one sigmoid for two (scikit-learn's
           LogisticRegression() defaults), fitted in float64 by L-BFGS to convergence
Training seconds are pairs + tuning + head (embedding the training texts and fitting it); test
embedding is not included. One JSON line per run is printed and written to <run>/peer/result.json;
a run that already has one is skipped (reported again) unless --force.

Usage: setfit_peer.py [--iterations 20] [--learning-rate 2e-5] [--batch-size 16] [--epochs 1] [--force]
                      (--list FILE | RUN_DIR...)
Debian's python3-torch, python3-onnx and python3-numpy; bench/fewshot/run --peer installs them when missing.
"""
import argparse
import json
import math
import os
import re
import statistics
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import torch_peer  # noqa: E402  (bench/torch_peer.py: the BERT built from Hone's ONNX weights)

torch.set_num_threads(2)
REFERENCE_COSINE = 0.9999
EMBED_BATCH = 64


def lines(path):
    """Lines as Java's Files.readAllLines splits them (\\n, \\r, \\r\\n; not U+2028), without a trailing empty one."""
    with open(path, encoding="utf-8", newline="") as f:
        parts = re.split(r"\r\n|\r|\n", f.read())
    return parts[:-1] if parts and parts[-1] == "" else parts


def read_split(run_dir, split):
    """(labels, token id lists) of train or test, the labels from <split>.jsonl, the ids from peer/<split>.tokens."""
    labels = [json.loads(l)["label"] for l in lines(os.path.join(run_dir, split + ".jsonl")) if l.strip()]
    ids = [[int(t) for t in l.split()] for l in lines(os.path.join(run_dir, "peer", split + ".tokens"))]
    if len(ids) != len(labels):
        raise SystemExit(f"{run_dir}: {len(labels)} {split} texts but {len(ids)} token lines; write the draws again")
    return [str(l) for l in labels], ids


def batch(ids_list):
    """Token ids padded to the longest (pad id 0, masked out) and the float attention mask."""
    longest = max(len(ids) for ids in ids_list)
    ids = torch.zeros(len(ids_list), longest, dtype=torch.long)
    mask = torch.zeros(len(ids_list), longest)
    for i, row in enumerate(ids_list):
        ids[i, :len(row)] = torch.tensor(row)
        mask[i, :len(row)] = 1
    return ids, mask


def embed(bert, ids_list):
    """Normalised sentence embeddings in inference mode, in input order; texts sorted by length into batches."""
    bert.eval()
    order = sorted(range(len(ids_list)), key=lambda i: len(ids_list[i]))
    out = torch.empty(len(ids_list), bert.w("embeddings.word_embeddings.weight").shape[1])
    with torch.no_grad():
        for start in range(0, len(order), EMBED_BATCH):
            chunk = order[start:start + EMBED_BATCH]
            out[chunk] = bert(*batch([ids_list[i] for i in chunk]))
    return out


def check_reference(bert, encoder, run_dir):
    """Hone's embeddings of a few test texts (peer/encoder.json) against this BERT's: the same model or stop."""
    reference = encoder["reference"]
    ours = embed(bert, [r["ids"] for r in reference])
    theirs = torch.tensor([r["embedding"] for r in reference])
    cosine = torch.nn.functional.cosine_similarity(ours, theirs, dim=-1).min().item()
    if cosine < REFERENCE_COSINE:
        raise SystemExit(f"{run_dir}: the PyTorch BERT's embeddings differ from Hone's (min cosine {cosine:.6f} < "
                         f"{REFERENCE_COSINE}); pooling or weights do not match")
    return cosine


def sentence_pairs(labels, iterations, rng):
    """SetFit v0.x's sentence_pairs_generation, `iterations` times: (first, second, target) index triples."""
    labels = np.array(labels)
    same = {label: np.where(labels == label)[0] for label in set(labels.tolist())}
    other = {label: np.where(labels != label)[0] for label in same}
    pairs = []
    for _ in range(iterations):
        for first, label in enumerate(labels.tolist()):
            pairs.append((first, int(rng.choice(same[label])), 1.0))
            pairs.append((first, int(rng.choice(other[label])), 0.0))
    return pairs


def tune(bert, ids, pairs, args):
    """sentence-transformers' fit with CosineSimilarityLoss: all weights, AdamW, warm-up then linear decay."""
    named = list(bert.p.named_parameters())
    no_decay = lambda name: name.endswith("bias") or "LayerNorm" in name
    optimizer = torch.optim.AdamW([
        {"params": [p for n, p in named if not no_decay(n)], "weight_decay": 0.01},
        {"params": [p for n, p in named if no_decay(n)], "weight_decay": 0.0}], lr=args.learning_rate)
    steps_per_epoch = math.ceil(len(pairs) / args.batch_size)
    total = steps_per_epoch * args.epochs
    warmup = math.ceil(total * 0.1)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: step / max(1, warmup) if step < warmup
                                                 else max(0.0, (total - step) / max(1, total - warmup)))
    params = [p for _, p in named]
    bert.train()
    step, started = 0, time.perf_counter()
    for _ in range(args.epochs):
        order = torch.randperm(len(pairs)).tolist()
        for start in range(0, len(order), args.batch_size):
            step += 1
            if step % 100 == 0:
                print(f"  step {step}/{total}, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
            chosen = [pairs[i] for i in order[start:start + args.batch_size]]
            # Both sides in one pass; padding is masked, so this equals two passes.
            emb = bert(*batch([ids[a] for a, _, _ in chosen] + [ids[b] for _, b, _ in chosen]))
            first, second = emb[:len(chosen)], emb[len(chosen):]
            cosine = torch.nn.functional.cosine_similarity(first, second, dim=-1)
            loss = torch.nn.functional.mse_loss(cosine, torch.tensor([t for _, _, t in chosen]))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            schedule.step()
    return total


def logistic_regression(x, y, classes):
    """scikit-learn's LogisticRegression() objective, 0.5·|W|² + Σ log-loss (C = 1), intercept unpenalised;
    one sigmoid for two classes, softmax over all classes otherwise. Returns predict(x) → class ids."""
    x = x.double()
    y = torch.tensor(y)
    outputs = 1 if classes == 2 else classes
    w = torch.zeros(x.shape[1], outputs, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(outputs, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([w, b], lr=1, max_iter=1000, tolerance_grad=1e-9, tolerance_change=1e-12,
                                  history_size=10, line_search_fn="strong_wolfe")

    def objective():
        optimizer.zero_grad()
        z = x @ w + b
        if classes == 2:
            data = torch.nn.functional.binary_cross_entropy_with_logits(z[:, 0], y.double(), reduction="sum")
        else:
            data = torch.nn.functional.cross_entropy(z, y, reduction="sum")
        # Divided by the number of examples (as scikit-learn does since 1.1): same minimiser, better scaled.
        loss = (data + 0.5 * (w * w).sum()) / len(y)
        loss.backward()
        return loss

    optimizer.step(objective)
    w, b = w.detach(), b.detach()
    if classes == 2:
        return lambda q: ((q.double() @ w + b)[:, 0] > 0).long()
    return lambda q: (q.double() @ w + b).argmax(1)


def run(run_dir, args, weights_cache):
    encoder = json.load(open(os.path.join(run_dir, "peer", "encoder.json"), encoding="utf-8"))
    key = (encoder["jar"], encoder["onnx"])
    if key not in weights_cache:
        weights_cache[key] = torch_peer.load_encoder(*key)
    weights, heads, eps = weights_cache[key]
    config = open(os.path.join(run_dir, "hone.yaml"), encoding="utf-8").read()
    seed = int(re.search(r"seed: (\d+)", config).group(1))  # the run's own seed, so a draw reproduces
    train_labels, train_ids = read_split(run_dir, "train")
    test_labels, test_ids = read_split(run_dir, "test")
    names = sorted(set(train_labels))
    y_train = [names.index(l) for l in train_labels]
    y_test = torch.tensor([names.index(l) if l in names else -1 for l in test_labels])

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    bert = torch_peer.Bert({k: v.clone() for k, v in weights.items()}, heads, eps, encoder["pooling"])
    cosine = check_reference(bert, encoder, run_dir)

    started = time.perf_counter()
    pairs = sentence_pairs(y_train, args.iterations, rng)
    steps = tune(bert, train_ids, pairs, args)
    tuned = time.perf_counter()
    predict = logistic_regression(embed(bert, train_ids), y_train, len(names))
    fitted = time.perf_counter()
    predictions = predict(embed(bert, test_ids))
    accuracy = (predictions == y_test).double().mean().item()
    result = {
        "run": os.path.basename(os.path.normpath(run_dir)), "model": encoder["model"], "pooling": encoder["pooling"],
        "train": len(train_ids), "test": len(test_ids), "labels": len(names), "seed": seed,
        "iterations": args.iterations, "pairs": len(pairs), "steps": steps, "batch_size": args.batch_size,
        "learning_rate": args.learning_rate, "epochs": args.epochs,
        "accuracy": accuracy, "train_seconds": round(fitted - started, 1),
        "tune_seconds": round(tuned - started, 1), "head_seconds": round(fitted - tuned, 1),
        "reference_cosine_min": round(cosine, 7), "torch": torch.__version__,
    }
    with open(os.path.join(run_dir, "peer", "result.json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(result) + "\n")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--learning-rate", type=float, default=2e-5)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--force", action="store_true", help="train again where peer/result.json exists")
    parser.add_argument("--list", help="a file listing run folders, one a line (FewShotBench --write-draws)")
    parser.add_argument("runs", nargs="*")
    args = parser.parse_args()
    runs = args.runs + ([l for l in lines(args.list) if l.strip()] if args.list else [])
    if not runs:
        parser.error("no run folders: pass them, or --list FILE")
    weights_cache = {}
    results = []
    for run_dir in runs:
        existing = os.path.join(run_dir, "peer", "result.json")
        if os.path.exists(existing) and not args.force:
            result = json.loads(open(existing, encoding="utf-8").read())
            result["earlier"] = True
        else:
            result = run(run_dir, args, weights_cache)
        results.append(result)
        print(json.dumps(result), flush=True)
    cells = {}
    for r in results:  # a cell is a run folder's name without its draw
        cells.setdefault(re.sub(r"-d\d+-", "-", r["run"]), []).append(r)
    for cell, rs in sorted(cells.items()):
        accuracies = [100 * r["accuracy"] for r in rs]
        print(f"setfit peer {cell}: {statistics.mean(accuracies):.1f} ± "
              f"{statistics.stdev(accuracies) if len(rs) > 1 else 0.0:.1f} % over {len(rs)} draw(s), "
              f"train {statistics.mean(r['train_seconds'] for r in rs):.0f} s", flush=True)


if __name__ == "__main__":
    main()
