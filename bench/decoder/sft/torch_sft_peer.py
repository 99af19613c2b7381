#!/usr/bin/env python3
"""The LoRA fine-tuning benchmark's PyTorch peer (bench/java's SftBench prints Hone's figures alike).

  torch_sft_peer.py FOLDER MODEL DTYPE WARM_UP_STEPS STEPS

One step is a LoRA SFT optimiser step in eager PyTorch, as a user of Hugging Face PEFT runs it on
CPU: the masked next-token loss of 4 sequences of 256 hashed token ids (the first 128 are the
prompt; the loss counts the response), backward, clipping to global norm 1, AdamW (rate 2e-4, no
weight decay). The model is torch_decode_peer.py's Llama/Qwen2 math over whole sequences, with adapters
written here as PEFT writes them: each of q, k, v, o keeps its frozen base Linear and adds
(alpha / r)·B·A·dropout(x), r = 8, alpha = 16, dropout 0.05, A Kaiming-uniform (bound 1/sqrt(in)),
B zero. The frozen weights are read from the bf16 checkpoint and widened to f32 (PyTorch 1.13's CPU
bf16 products are far slower than its f32 ones, so f32 is how one trains there); no activation
checkpointing (PEFT's default). Before the steps, the f32 GEMM rate on the step's largest product
shape (tokens × hidden → intermediate), best of 5. torch.set_num_threads(2).
"""
import math
import pathlib
import resource
import statistics
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from torch_decode_peer import Peer  # noqa: E402

BATCH, SEQUENCE, PROMPT = 4, 256, 128
RANK, ALPHA, DROPOUT = 8, 16, 0.05
TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj")


class LoraPeer(Peer):
    """Peer's weights and math over whole sequences, with trainable adapters on the attention projections."""

    def __init__(self, folder, dtype):
        super().__init__(folder, dtype)
        generator = torch.Generator().manual_seed(11)
        self.adapters = {}
        for i in range(self.config["num_hidden_layers"]):
            for name in TARGETS:
                key = f"model.layers.{i}.self_attn.{name}"
                out, into = self.w[key + ".weight"].shape
                bound = 1 / math.sqrt(into)
                a = ((torch.rand(RANK, into, generator=generator) * 2 - 1) * bound).requires_grad_()
                b = torch.zeros(out, RANK, requires_grad=True)
                self.adapters[key] = (a, b)

    def parameters(self):
        return [t for pair in self.adapters.values() for t in pair]

    def linear(self, x, name):
        y = F.linear(x, self.w[name + ".weight"], self.w.get(name + ".bias"))
        if name not in self.adapters:
            return y
        a, b = self.adapters[name]
        return y + (ALPHA / RANK) * F.linear(F.linear(F.dropout(x, DROPOUT, training=True), a), b)

    def loss(self, tokens, counted):
        """Mean cross-entropy of the next token over the counted positions; tokens (batch, seq)."""
        x = self.hidden(tokens, self.new_cache(tokens.shape[0]))                # (batch, seq, hidden), no cache reused
        logits = F.linear(self.rms_norm(x, "model.norm.weight"), self.w["model.embed_tokens.weight"]).float()
        targets = tokens[:, 1:].masked_fill(~counted[:, :-1], -100)
        return F.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=-100)


def token_ids(vocabulary):
    """The ids SftBench.tokens makes: a multiplicative hash of each position, so both sides train on the same batch."""
    positions = torch.arange(BATCH * SEQUENCE, dtype=torch.int64)
    return ((positions * 2654435761 + 12345) % (1 << 32) % vocabulary).reshape(BATCH, SEQUENCE)


def gemm_gigaflops(m, k, n):
    x, w, out = torch.rand(m, k), torch.rand(n, k), torch.empty(m, n)
    best = float("inf")
    for i in range(8):
        begin = time.perf_counter()
        torch.mm(x, w.t(), out=out)
        if i >= 3:
            best = min(best, time.perf_counter() - begin)
    return 2 * m * n * k / best / 1e9


def measure(folder, model, dtype_name, warm_up, steps):
    torch.set_num_threads(2)
    peer = LoraPeer(folder, torch.float32)
    gemm = gemm_gigaflops(BATCH * SEQUENCE, peer.config["hidden_size"], peer.config["intermediate_size"])
    optimizer = torch.optim.AdamW(peer.parameters(), lr=2e-4, weight_decay=0.0)
    tokens = token_ids(peer.config["vocab_size"])
    counted = torch.zeros(BATCH, SEQUENCE, dtype=torch.bool)
    counted[:, PROMPT - 1:SEQUENCE - 1] = True                                  # the token after them is the response
    torch.manual_seed(17)                                                        # dropout masks
    seconds, first_loss = [], None
    for step in range(warm_up + steps):
        begin = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        loss = peer.loss(tokens, counted)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(peer.parameters(), 1.0)
        optimizer.step()
        first_loss = loss.item() if first_loss is None else first_loss
        if step >= warm_up:
            seconds.append(time.perf_counter() - begin)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"sft-figures pytorch {model} {dtype_name} step_s {statistics.median(seconds):.3f} "
          f"steps {','.join(f'{s:.3f}' for s in seconds)} first_loss {first_loss:.4f} loss {loss.item():.4f} gemm_gflops {gemm:.1f} "
          f"peak_rss_mb {peak:.0f}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit("usage: torch_sft_peer.py FOLDER MODEL DTYPE WARM_UP_STEPS STEPS")
    measure(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
