"""PyTorch peer for bench/run: GEMM 1024^3 and BERT training steps (batch 16 x 32 tokens, 10-class
head) on a BERT built from the same ONNX initializers Hone reads. Debian's python3-torch 1.13 with
OpenBLAS; 2 threads; OMP_WAIT_POLICY=PASSIVE is set by bench/run (OpenMP and OpenBLAS threads
otherwise fight over the cores)."""
import math
import statistics
import sys
import time
import zipfile

import onnx
import torch
from onnx import numpy_helper

torch.set_num_threads(2)
RUNS = 7


def median_time(fn, runs=RUNS, warmup=3):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def gemm():
    a = torch.rand(1024, 1024)
    b = torch.rand(1024, 1024)
    seconds = median_time(lambda: torch.mm(a, b))
    print(f"gemm 1024^3 pytorch: {2 * 1024 ** 3 / seconds / 1e9:.1f} GFLOP/s (median of {RUNS})")


def load_weights(jar, onnx_name="all-minilm-l6-v2.onnx"):
    """HF-named weights of the ONNX export inside a model jar (as Hone's OnnxBertImporter names them)."""
    return load_encoder(jar, onnx_name)[0]


def load_encoder(jar, onnx_name):
    """(weights, heads, eps) as Hone's OnnxBertImporter reads them: initializers and Constant node values are
    weights; MatMul weights are named by their node; the head count comes from the attention's sqrt(head size)
    divisor and the LayerNorm epsilon from the embeddings' LayerNorm (defaults hidden/64 and 1e-12)."""
    with zipfile.ZipFile(jar) as z:
        model = onnx.load_from_string(z.read(onnx_name))
    init = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type == "Constant" and node.output:
            for attribute in node.attribute:
                if attribute.type == onnx.AttributeProto.TENSOR:
                    init[node.output[0]] = torch.from_numpy(numpy_helper.to_array(attribute.t).copy())
    weights = {k: v for k, v in init.items() if k.startswith(("embeddings.", "encoder.")) and v.is_floating_point()}
    eps, divisor = 1e-12, None
    for node in model.graph.node:  # unnamed MatMul weights, named by the node that uses them (as Hone does)
        if node.op_type == "MatMul" and node.name.startswith("/encoder/layer.") and node.input[1] in init:
            weights[node.name[1:-len("/MatMul")].replace("/", ".") + ".weight"] = init[node.input[1]].t().contiguous()
        if node.name == "/embeddings/LayerNorm/Add" and init.get(node.input[1], torch.zeros(2)).numel() == 1:
            eps = float(init[node.input[1]])
        if node.name == "/encoder/layer.0/attention/self/Div" and init.get(node.input[1], torch.zeros(2)).numel() == 1:
            divisor = float(init[node.input[1]])
    hidden = weights["embeddings.word_embeddings.weight"].shape[1]
    heads = max(1, hidden // 64) if divisor is None else round(hidden / (divisor * divisor))
    return weights, heads, eps


class Bert(torch.nn.Module):
    def __init__(self, w, heads=12, eps=1e-12, pooling="mean"):
        super().__init__()
        self.heads = heads
        self.eps = eps
        self.pooling = pooling  # "mean" over the attention mask, or "cls" (first token), as Hone's Pooling
        self.p = torch.nn.ParameterDict({k.replace(".", "__"): torch.nn.Parameter(v) for k, v in w.items()})
        self.layers = sum(1 for k in w if k.endswith("attention.self.query.weight"))
        self.lora = {}

    def w(self, name):
        return self.p[name.replace(".", "__")]

    def linear(self, x, name):
        y = torch.nn.functional.linear(x, self.w(name + ".weight"), self.w(name + ".bias"))
        if name in self.lora:
            a, b = self.lora[name]
            y = y + (torch.nn.functional.dropout(x, 0.1, self.training) @ a.t() @ b.t()) * 2.0
        return y

    def norm(self, x, name):
        return torch.nn.functional.layer_norm(x, x.shape[-1:], self.w(name + ".weight"), self.w(name + ".bias"), self.eps)

    def forward(self, ids, mask):
        bsz, seq = ids.shape
        x = self.w("embeddings.word_embeddings.weight")[ids] + self.w("embeddings.position_embeddings.weight")[:seq] \
            + self.w("embeddings.token_type_embeddings.weight")[0]
        x = torch.nn.functional.dropout(self.norm(x, "embeddings.LayerNorm"), 0.1, self.training)
        bias = (1.0 - mask[:, None, None, :]) * -1e9
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            split = lambda t: t.view(bsz, seq, self.heads, -1).transpose(1, 2)
            q, k, v = (split(self.linear(x, p + "attention.self." + n)) for n in ("query", "key", "value"))
            att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1]) + bias, -1)
            ctx = (att @ v).transpose(1, 2).reshape(bsz, seq, -1)
            x = self.norm(x + torch.nn.functional.dropout(self.linear(ctx, p + "attention.output.dense"), 0.1, self.training),
                          p + "attention.output.LayerNorm")
            h = torch.nn.functional.gelu(self.linear(x, p + "intermediate.dense"))
            x = self.norm(x + torch.nn.functional.dropout(self.linear(h, p + "output.dense"), 0.1, self.training),
                          p + "output.LayerNorm")
        if self.pooling == "cls":
            pooled = x[:, 0]
        else:
            pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        return torch.nn.functional.normalize(pooled, dim=-1)


def training(jar):
    torch.manual_seed(7)
    ids = torch.randint(1000, 20000, (16, 32))
    mask = torch.ones(16, 32)
    labels = torch.arange(16) % 10
    for method in ("full", "lora", "head"):
        bert = Bert(load_weights(jar))
        head = torch.nn.Linear(384, 10)
        for prm in bert.parameters():
            prm.requires_grad = method == "full"
        params = list(head.parameters())
        if method == "lora":
            for i in range(bert.layers):
                for n in ("query", "value"):
                    a = torch.nn.Parameter(torch.empty(8, 384).uniform_(-1 / 384 ** 0.5, 1 / 384 ** 0.5))
                    b = torch.nn.Parameter(torch.zeros(384, 8))
                    bert.lora[f"encoder.layer.{i}.attention.self.{n}"] = (a, b)
                    params += [a, b]
        if method == "full":
            params += list(bert.parameters())
        optimizer = torch.optim.AdamW(params, lr=1e-4, weight_decay=0.01)
        bert.train()

        def step():
            if method == "head":
                with torch.no_grad():
                    emb = bert(ids, mask)
            else:
                emb = bert(ids, mask)
            loss = torch.nn.functional.cross_entropy(head(emb), labels)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()

        seconds = median_time(step, runs=RUNS, warmup=2)
        print(f"training step {method} batch 16x32: pytorch {seconds * 1000:.1f} ms (median of {RUNS})")


if __name__ == "__main__":
    gemm()
    training(sys.argv[1])
