"""Frozen-encoder few-shot heads, compared on the same seeded draws: which encoder, and do label sentences help?

Each dataset's texts are embedded once by `./hone embed` (Hone's own engine), then every head is fitted
in numpy on N examples per class for 5 seeded draws and scored on up to 500 test texts:
  zero-shot        nearest "This text is about {label}." sentence (Hone's default template, no description)
  prototype        nearest class mean
  prototype+label  class mean with the label sentence counted as 2 more examples (TrainingData.LABEL_SENTENCE_WEIGHT)
  logistic         multinomial logistic regression, L2 with C = 1 (scikit-learn's default), L-BFGS
  logistic+label   the same with the label sentences as 2 more examples per class
Usage: bench/fewshot/frozen (installs numpy/scipy from Debian when missing).
"""
import json
import os
import random
import subprocess
import sys

import numpy as np
from scipy.optimize import minimize

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATASETS = os.path.join(ROOT, "..", "shared", "datasets")
POOL = {"sst2": 100, "subj": 100, "emotion": 100, "trec": 100, "banking77": 24}  # train texts kept per class
MODELS = ["all-minilm-l6-v2", "bge-small-en-v1.5"]
LABEL_WEIGHT = 2
DRAWS = 5


def read(dataset):
    folder = os.path.join(DATASETS, dataset)
    rows = lambda name: [json.loads(l) for l in open(os.path.join(folder, name), encoding="utf-8") if l.strip()]
    if os.path.exists(os.path.join(folder, "test.jsonl")):
        return rows("train.jsonl"), rows("test.jsonl")
    everything = rows("data.jsonl")
    random.Random(0).shuffle(everything)
    return everything[2000:], everything[:2000]


def embed(model, texts, work):
    path = os.path.join(work, "texts.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(t.replace("\n", " ").strip() + "\n" for t in texts)
    out = subprocess.run([os.path.join(ROOT, "hone"), "embed", "--model", model, "--input", path],
                         check=True, capture_output=True, text=True).stdout
    # split("\n"), not splitlines(): that also breaks lines at U+2028 inside the JSON strings.
    vectors = np.array([json.loads(l)["embedding"] for l in out.split("\n") if l.strip()])
    assert len(vectors) == len(texts), (len(vectors), len(texts))
    return vectors


def logistic(x, y, classes):
    """Multinomial logistic regression, objective 0.5·|W|² + C·Σ cross-entropy with C = 1."""
    d = x.shape[1]
    onehot = np.eye(classes)[y]

    def loss(p):
        w, b = p[:classes * d].reshape(classes, d), p[classes * d:]
        z = x @ w.T + b
        z -= z.max(1, keepdims=True)
        prob = np.exp(z)
        prob /= prob.sum(1, keepdims=True)
        g = prob - onehot
        value = -np.log(prob[np.arange(len(y)), y] + 1e-12).sum() + 0.5 * (w ** 2).sum()
        return value, np.concatenate([(g.T @ x + w).ravel(), g.sum(0)])

    p = minimize(loss, np.zeros(classes * d + classes), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    return p[:classes * d].reshape(classes, d), p[classes * d:]


def heads(x, y, labels, classes):
    sums = np.stack([x[y == k].sum(0) for k in range(classes)])
    unit = lambda m: m / np.linalg.norm(m, axis=1, keepdims=True)
    with_labels_x = np.concatenate([x] + [labels] * LABEL_WEIGHT)
    with_labels_y = np.concatenate([y] + [np.arange(classes)] * LABEL_WEIGHT)
    w, b = logistic(x, y, classes)
    wl, bl = logistic(with_labels_x, with_labels_y, classes)
    return {
        "zero-shot": lambda q: (q @ labels.T).argmax(1),
        "prototype": lambda q, p=unit(sums): (q @ p.T).argmax(1),
        "prototype+label": lambda q, p=unit(sums + LABEL_WEIGHT * labels): (q @ p.T).argmax(1),
        "logistic": lambda q: (q @ w.T + b).argmax(1),
        "logistic+label": lambda q: (q @ wl.T + bl).argmax(1),
    }


def main(work):
    print("| dataset | N | model | " + " | ".join(["zero-shot", "prototype", "prototype+label", "logistic", "logistic+label"]) + " |")
    print("|---|---|---|---|---|---|---|---|")
    for dataset, per_class in POOL.items():
        train, test = read(dataset)
        names = sorted({r["label"] for r in train})
        by_label = {n: [r for r in train if r["label"] == n] for n in names}
        rng = random.Random(5)
        pool = []
        for n in names:
            rng.shuffle(by_label[n])
            pool += by_label[n][:per_class]
        rng.shuffle(test)
        test = test[:500]
        sentences = ["This text is about %s." % n.replace("_", " ").replace("-", " ") for n in names]
        for model in MODELS:
            vectors = embed(model, [r["text"] for r in pool + test] + sentences, work)
            xp, xt, lab = vectors[:len(pool)], vectors[len(pool):len(pool) + len(test)], vectors[len(pool) + len(test):]
            yp = np.array([names.index(r["label"]) for r in pool])
            yt = np.array([names.index(r["label"]) for r in test])
            for n in [8, 64] if per_class >= 64 else [8]:
                scores = {}
                for draw in range(DRAWS):
                    r = np.random.default_rng(1000 + draw)
                    idx = np.concatenate([r.permutation(np.where(yp == k)[0])[:n] for k in range(len(names))])
                    for name, predict in heads(xp[idx], yp[idx], lab, len(names)).items():
                        scores.setdefault(name, []).append(100 * (predict(xt) == yt).mean())
                print("| %s | %d | %s | %s |" % (dataset, n, model, " | ".join(
                    "%.1f ± %.1f" % (np.mean(v), np.std(v)) for v in scores.values())), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
