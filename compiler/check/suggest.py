"""Did you mean: the known name closest to a misspelled one.

rustc's rule (`rustc_span::edit_distance`): a candidate is similar when its
edit distance to the name is at most a third of the name's length (at least
1), or when it differs only in case; the closest wins, ties by order. The
checker attaches the match as a suggestion (`MaybeIncorrect`: the fix
compiles, but may not be what was meant).
"""
from __future__ import annotations

from typing import Iterable

from .. import messages as msg
from ..diagnostics import MAYBE_INCORRECT, Diagnostic
from ..source import Span


def edit_distance(a: str, b: str) -> int:
    """Edit distance with insertions, deletions, substitutions and swaps of two
    neighbouring characters (`coutn` -> `count` is 1), as rustc counts."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, rows[i - 2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]


def similar_name(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to `name` within rustc's distance limit, or None."""
    limit = max(len(name), 3) // 3
    best: tuple[int, str] | None = None
    for candidate in candidates:
        if candidate == name:
            continue
        if candidate.lower() == name.lower():
            return candidate
        distance = edit_distance(name, candidate)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None


def _closest(name: str, kinds: dict[str, Iterable[str]]) -> tuple[str, str] | None:
    found = [(kind, match) for kind, names in kinds.items() if (match := similar_name(name, names)) is not None]
    if not found:
        return None
    return min(found, key=lambda km: (km[1].lower() != name.lower(), edit_distance(name, km[1])))


def suggest_similar(diagnostic: Diagnostic, span: Span | None, name: str, kinds: dict[str, Iterable[str]]) -> None:
    """Add "a KIND with a similar name exists: `match`" when one of `kinds` (kind -> names)
    has a name close to `name`: a suggestion replacing `span`, or a plain help without a span."""
    closest = _closest(name, kinds)
    if closest is None:
        return
    kind, match = closest
    if span is None:
        diagnostic.with_help(msg.HELP_SIMILAR_NAME_IS.format(kind=kind, name=match))
    else:
        diagnostic.with_suggestion(span, msg.HELP_SIMILAR_NAME.format(kind=kind), match, MAYBE_INCORRECT, verbose=True)
        if diagnostic.span == span:
            diagnostic.label = ""  # rustc: the fix replaces "not found in this scope"
