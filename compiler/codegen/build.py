"""Monomorphized `Program` -> LLVM IR module: the declarations
(`llvm_ir.ModuleCodegen`), then every body (`function.FunctionEmitter`).
"""
from __future__ import annotations

from typing import NamedTuple

from llvmlite import ir

from ..check.tree import Program
from ..diagnostics import DiagnosticSink
from ..memory import FarSegment, PassiveSegment
from .function import FunctionEmitter
from .layout import LayoutError
from .llvm_ir import CodegenError, ModuleCodegen


class BuiltModule(NamedTuple):
    """The IR module, the data segments of the far statics then the passive
    ones, and where wasm-ld must start memory 0's data (`--global-base`; None:
    where it likes) because farc placed big zero memory-0 statics below it
    (`layout.place_statics`)."""

    module: ir.Module
    far_segments: list[FarSegment | PassiveSegment]
    global_base: int | None = None


def build_module(program: Program, sink: DiagnosticSink, debug_lines: bool = False) -> BuiltModule | None:
    """Lower a monomorphized program to an LLVM module plus far data segments.

    `debug_lines` attaches each instruction's source line and column as an
    LLVM debug location (`codegen.debug_lines`; for the farc explorer).

    Returns None (after reporting) when the program cannot be lowered: far
    statics that do not fit (B0006) or an internal error (ICE naming the
    function)."""
    errors_before = len(sink.errors)
    try:
        cg = ModuleCodegen(program, sink, debug_lines)
        for fn in program.functions:
            if fn.is_generic:
                raise CodegenError(f"generic function `{fn.symbol}` reached codegen (not monomorphized)")
            cg.declare_function(fn)
        cg.declare_statics()  # (after the functions: a static may hold a pointer to one)
        cg.define_zero_init()
    except (CodegenError, LayoutError) as exc:
        sink.ice(f"cannot lower the program's declarations: {exc}")
        return None
    except MemoryError:  # a resource limit, not a bug: the driver reports it (B0010)
        raise
    except Exception as exc:  # noqa: BLE001 - e.g. two symbols with one name: a diagnostic, not a traceback
        sink.ice(f"cannot lower the program's declarations: {type(exc).__name__}: {exc}")
        return None
    for fn in program.functions:
        if fn.is_import or fn.body is None:
            continue
        try:
            FunctionEmitter(cg, cg.abis[id(fn)]).emit()
        except (CodegenError, LayoutError) as exc:
            sink.ice(f"cannot lower function `{fn.symbol}`: {exc}")
        except MemoryError:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug must become a diagnostic, not a traceback
            sink.ice(f"code generation crashed in function `{fn.symbol}`: {type(exc).__name__}: {exc}")
    if len(sink.errors) > errors_before:
        return None
    return BuiltModule(cg.module, [*cg.placement.segments, *cg.passive.values()], cg.placement.global_base)


__all__ = ["BuiltModule", "build_module"]
