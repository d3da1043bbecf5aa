"""The one exception type the post-link passes raise for a problem they find.

Passes are pure `run(module, ...) -> module` functions; rather than each
taking a sink, they raise `RewriteError` and `postlink.finalize` turns it
into a diagnostic. Code "ICE" means the input violated what codegen promises
(a bug in farc); other codes are user-facing (registered in CODES).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, DiagnosticSink


@dataclass
class RewriteError(Exception):
    code: str
    message: str
    notes: list[str] = field(default_factory=list)
    help: list[str] = field(default_factory=list)
    span: object = None  # a source Span when the problem has a place in the source

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"

    def report(self, sink: DiagnosticSink) -> Diagnostic:
        if self.code == "ICE":
            diag = sink.ice(self.message, *self.notes)
        else:
            diag = sink.error(self.code, self.message, self.span)
            diag.notes.extend(self.notes)
        diag.help.extend(self.help)
        return diag


def internal(message: str, *notes: str) -> RewriteError:
    """A RewriteError for a broken promise between codegen and the rewriter."""
    return RewriteError("ICE", message, list(notes))
