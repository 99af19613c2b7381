"""PyTorch + OpenBLAS peer for GemmBench: reads one product per line from stdin,
"m n k transposeA transposeB accumulate calls", runs it `calls` times on 2 threads and prints the
mean seconds per call. GemmBench starts it and asks for each shape right after timing the engine
on it, so both sides see the same machine load. Tensors are laid out as Hone's (A stored k x m when
transposed, B stored n x k), so torch.mm sees the same transposed views its callers would pass."""
import sys
import time

import torch

torch.set_num_threads(2)
operands = {}


def product(m, n, k, ta, tb, accumulate):
    key = (m, n, k, ta, tb, accumulate)
    if key not in operands:
        a = torch.rand(k, m).t() if ta else torch.rand(m, k)
        b = torch.rand(n, k).t() if tb else torch.rand(k, n)
        c = torch.rand(m, n)
        operands[key] = (lambda: c.addmm_(a, b)) if accumulate else (lambda: torch.mm(a, b, out=c))
        for _ in range(3):
            operands[key]()
    return operands[key]


for line in sys.stdin:
    m, n, k, ta, tb, accumulate, calls = (int(v) for v in line.split())
    run = product(m, n, k, ta == 1, tb == 1, accumulate == 1)
    start = time.perf_counter()
    for _ in range(calls):
        run()
    print((time.perf_counter() - start) / calls, flush=True)
