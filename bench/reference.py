"""Python models of the kernels: what `run` (and copy's `check`) must return
after `init`, computed without wasm. The smoke test compares every variant
in every engine against them, so variants that were all wrong in the same
way would still be caught. Only for small sizes (plain Python loops)."""
from __future__ import annotations

from .suite import SEED, STRIDE, Kernel

M32 = 0xFFFFFFFF


def xorshift(x: int) -> int:
    x ^= (x << 13) & M32
    x ^= x >> 17
    x ^= (x << 5) & M32
    return x


def xorshift_stream(seed: int, count: int) -> list[int]:
    out, x = [], seed
    for _ in range(count):
        x = xorshift(x)
        out.append(x)
    return out


def sum_run(n: int, w: int) -> int:
    return sum(xorshift_stream(SEED, n)[:w]) & M32


def strided_run(n: int, w: int) -> int:
    data = xorshift_stream(SEED, n)
    return sum(data[(i * STRIDE) & (n - 1)] for i in range(w)) & M32


def gather_run(n: int, w: int, mask: int | None = None) -> int:
    stream = xorshift_stream(SEED, n + n // 4)
    data, idx = stream[:n], [x & (n - 1) for x in stream[n:]]
    mask = n - 1 if mask is None else mask
    return sum(data[idx[j] & mask] for j in range(w)) & M32


def structs_runs(n: int, calls: int) -> list[int]:
    """The checksums of `calls` successive runs (the kernel updates its data)."""
    parts = []
    x = SEED
    for _ in range(n):
        x = xorshift(x)
        a = x
        x = xorshift(x)
        b = x
        parts.append([a & 0xFFFF, a >> 16, b & 0xFFFF, (b >> 16) & 0xFF, (b >> 24) & 0xFF, a & 0xFF, (b & 0xF) + 1, 0])
    results = []
    for _ in range(calls):
        check = 0
        for p in parts:
            px, py, pz = (p[0] + p[3]) & M32, (p[1] + p[4]) & M32, (p[2] + p[5]) & M32
            p[0], p[1], p[2] = px, py, pz
            p[4] = (p[4] - p[6]) & M32
            p[7] = (p[7] + (py >> 31)) & M32
            check = (check + (px ^ py ^ pz)) & M32
        results.append(check)
    return results


def fnv1a_run(n: int, w: int) -> int:
    words = xorshift_stream(SEED, n // 4)
    data = b"".join(v.to_bytes(4, "little") for v in words)
    h = 2166136261
    for byte in data[:w]:
        h = ((h ^ byte) * 16777619) & M32
    return h


def matmul_run(n: int) -> int:
    vals = [x & 0xFFFF for x in xorshift_stream(SEED, 2 * n * n)]
    a, b = vals[: n * n], vals[n * n:]
    check = 0
    for i in range(n):
        row = [0] * n
        for k in range(n):
            aik = a[i * n + k]
            for j in range(n):
                row[j] = (row[j] + aik * b[k * n + j]) & M32
        for v in row:
            check = (check * 31 + v) & M32
    return check


def atomic_hist_run(n: int, w: int) -> int:
    counts = [0] * 256
    for x in xorshift_stream(SEED, n)[:w]:
        counts[x & 255] += 1
    check = 0
    for c in counts:
        check = (check * 31 + c) & M32
    return check


def copy_expected(n: int) -> dict[str, int]:
    """`run` returns the last word copied; `run_loop(n, 1)` the last byte plus
    one; `check` hashes the destination after run then run_loop."""
    words = xorshift_stream(SEED, n)
    data = b"".join(v.to_bytes(4, "little") for v in words)
    looped = bytes((x + 1) & 0xFF for x in data)
    h = 0
    for i in range(n):
        h = (h * 31 + int.from_bytes(looped[4 * i:4 * i + 4], "little")) & M32
    return {"run": words[-1], "run_loop": looped[-1], "check": h}


def expected_first_results(kernel: Kernel, n: int, work: int, bridge_work: int,
                           resident_work: int = 0) -> dict[str, int]:
    """Case-id suffix ("run", "run@bridge", "check", ...) -> the first result of that call."""
    name = kernel.name
    if name == "structs":
        return {"run": structs_runs(n, 1)[0]}
    if name == "matmul":
        return {"run": matmul_run(n)}
    if name == "copy":
        return copy_expected(n)
    fn = {"sum": sum_run, "strided": strided_run, "gather": gather_run, "fnv1a": fnv1a_run,
          "atomic_hist": atomic_hist_run, "simd_sum": sum_run}[name]
    out = {"run": fn(n, work)}
    if bridge_work:
        out["run@bridge"] = fn(n, bridge_work)
    if resident_work:
        # the resident strided run wraps around its own first `resident_work` elements
        if name == "strided":
            out["run@resident"] = fn(resident_work, resident_work)
        elif name == "gather":  # the resident gathers stay in the first resident_work elements
            out["run@resident"] = gather_run(n, resident_work, resident_work - 1)
        else:
            out["run@resident"] = fn(n, resident_work)
    return out
