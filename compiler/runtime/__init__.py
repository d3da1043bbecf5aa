"""Running finished modules in real engines: wasmtime (Cranelift) and V8 (Node 24).

Both runners take the same `RunRequest` and return the same `RunResult`, so
tests and `farc run` can compare engines directly.
"""
from .node_runner import node_available, node_path, run_node, run_node_batch
from .request import HOST_BUILTINS, LinkedModule, RunError, RunRequest, RunResult, TrapInfo
from .wasmtime_runner import run_wasmtime

__all__ = [
    "HOST_BUILTINS",
    "LinkedModule",
    "RunError",
    "RunRequest",
    "RunResult",
    "TrapInfo",
    "node_available",
    "node_path",
    "run_node",
    "run_node_batch",
    "run_wasmtime",
]
