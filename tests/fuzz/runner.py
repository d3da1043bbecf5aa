"""Running inputs: each in a forked child with a time and memory limit.

The parent imports farc and builds the parser once; every input runs in a
child forked from it (warm, and isolated: an input that hangs, crashes the
interpreter or exhausts memory costs only its child, and no input sees
state another left behind). The child sends its `Outcome` back as JSON.

An input that runs out of time is run again with three times the limit
before it counts as a hang, so a moment of load on a shared machine is not
a finding.
"""
from __future__ import annotations

import faulthandler
import hashlib
import json
import os
import random
import re
import resource
import select
import signal
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .mutate import mutant
from .oracle import Outcome, examine
from .seeds import Corpus, load_corpus

#: Address space a child may use (LLVM and wasmtime validation fit easily).
CHILD_MEMORY_BYTES = 4 << 30


@dataclass(frozen=True)
class Settings:
    seed: int = 1
    start: int = 0
    count: int = 100
    jobs: int = 1
    time_limit_s: float = 30.0
    build_fraction: float = 0.8  # of the inputs; only those the front end accepts are built
    twice_fraction: float = 0.15  # of the builds: built again and compared
    out_dir: Path | None = None


@dataclass(frozen=True)
class Input:
    index: int
    data: bytes
    how: str
    opt_level: int
    build: bool
    twice: bool


@dataclass
class Finding:
    kind: str
    detail: str
    input: Input

    @property
    def signature(self) -> str:
        """Findings with one signature are one bug (the first line of the detail, digits masked)."""
        first = next((line for line in self.detail.splitlines() if line.strip()), "")
        return f"{self.kind}: {re.sub(r'[0-9]+', 'N', first)[:160]}"


@dataclass
class Report:
    ran: int = 0
    statuses: Counter = field(default_factory=Counter)
    codes: Counter = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def clean(self) -> bool:
        return not self.findings

    def summary(self) -> str:
        lines = [f"{self.ran} inputs in {self.seconds:.0f} s: " +
                 ", ".join(f"{n} {s}" for s, n in sorted(self.statuses.items())),
                 f"findings: {len(self.findings)} ({len({f.signature for f in self.findings})} distinct)"]
        for signature, n in Counter(f.signature for f in self.findings).most_common():
            lines.append(f"  {n:5d} x {signature}")
        return "\n".join(lines)


def make_input(settings: Settings, corpus: Corpus, index: int) -> Input:
    """Input `index` of the run: a function of (seed, index) only."""
    rng = random.Random(f"farc-fuzz:{settings.seed}:{index}")
    data, how = mutant(rng, corpus)
    build = rng.random() < settings.build_fraction
    return Input(index, data, how, rng.choice([0, 2]), build, build and rng.random() < settings.twice_fraction)


def run(settings: Settings, progress=None) -> Report:
    """Every input of `settings`, `settings.jobs` at a time."""
    _warm_up()
    corpus = load_corpus()
    report = Report()
    started = time.monotonic()
    pending = iter(range(settings.start, settings.start + settings.count))
    running: dict[int, tuple[_Child, Input, float]] = {}  # read fd -> child
    exhausted = False
    try:
        _loop(settings, corpus, report, pending, running, progress)
    finally:  # an interrupted run leaves no child behind
        for child, _item, _limit in running.values():
            child.kill()
    report.seconds = time.monotonic() - started
    return report


def _loop(settings: Settings, corpus: Corpus, report: Report, pending, running: dict, progress) -> None:
    exhausted = False
    while running or not exhausted:
        while not exhausted and len(running) < settings.jobs:
            index = next(pending, None)
            if index is None:
                exhausted = True
                break
            item = make_input(settings, corpus, index)
            child = _Child.start(item)
            running[child.fd] = (child, item, settings.time_limit_s)
        if not running:
            break
        now = time.monotonic()
        timeout = max(0.0, min(c.deadline(limit) for c, _, limit in running.values()) - now)
        ready, _, _ = select.select(list(running), [], [], timeout)
        for fd in list(running):
            child, item, limit = running[fd]
            if fd in ready:
                outcome = child.finish()
            elif time.monotonic() >= child.deadline(limit):
                child.kill()
                if limit == settings.time_limit_s:  # once more, with more time, before calling it a hang
                    del running[fd]
                    retry = _Child.start(item)
                    running[retry.fd] = (retry, item, 3 * settings.time_limit_s)
                    continue
                outcome = Outcome("hung", findings=[("hang", f"did not finish within {limit:g} s")])
            else:
                continue
            del running[fd]
            _record(report, item, outcome, settings)
            if progress is not None:
                progress(report)


def _record(report: Report, item: Input, outcome: Outcome, settings: Settings) -> None:
    report.ran += 1
    report.statuses[outcome.status] += 1
    report.codes.update(outcome.codes)
    for kind, detail in outcome.findings:
        finding = Finding(kind, detail, item)
        known = {f.signature for f in report.findings}
        report.findings.append(finding)
        if settings.out_dir is not None and finding.signature not in known:
            write_finding(settings.out_dir, finding, settings)


def write_finding(out_dir: Path, finding: Finding, settings: Settings) -> Path:
    """`<kind>-<hash>.rs` (the input) and `.txt` (how to reproduce, what happened)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(finding.input.data).hexdigest()[:12]
    path = out_dir / f"{finding.kind}-{digest}.rs"
    path.write_bytes(finding.input.data)
    item = finding.input
    path.with_suffix(".txt").write_text(
        f"kind: {finding.kind}\ninput: {item.index} of seed {settings.seed} ({item.how})\n"
        f"build: {item.build} (-O{item.opt_level}, twice: {item.twice})\n"
        f"reproduce: python -m tests.fuzz --seed {settings.seed} --start {item.index} --count 1\n\n"
        f"{finding.detail}\n", encoding="utf-8")
    return path


def _reserved_bytes() -> int:
    """The virtual memory this process has mapped (Linux: /proc/self/statm)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _warm_up() -> None:
    """Everything every child needs, done once before forking: imports, the
    parser, and one compilation, so LLVM's lazily built state (targets, pass
    registry: half of a small build's time) is inherited, not rebuilt."""
    from compiler.diagnostics import DiagnosticSink
    from compiler.driver import compile_source
    from compiler.source import SourceFile
    from compiler.codegen.emit import run_pipeline
    from compiler.codegen.build import build_module
    from compiler.driver import front_end
    import compiler.check.checker  # noqa: F401
    warm = SourceFile("warm.rs", '#[no_mangle]\npub extern "C" fn f(x: u32) -> u32 { x + 1 }\n')
    sink = DiagnosticSink()
    program = front_end(warm, sink)
    module = build_module(program, sink).module
    run_pipeline(str(module), 2, False)  # in this process: the known-good module only
    compile_source(warm, sink)
    assert not sink.has_errors, sink.render()


@dataclass
class _Child:
    pid: int
    fd: int
    started: float

    @classmethod
    def start(cls, item: Input) -> "_Child":
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run one input, answer, exit
            status = 1
            try:
                os.close(read_fd)
                os.setpgid(0, 0)  # its own group: killing it kills LLVM's child and wasm-ld too
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                faulthandler.disable()  # a crash is reported by its signal; pytest's stack dump is noise
                # on top of what the parent has reserved already (an xdist worker that ran wasm
                # holds tens of GiB of engine reservations; an absolute limit left the child no
                # room to start even the compiler's thread, and it hung)
                limit = _reserved_bytes() + CHILD_MEMORY_BYTES
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
                outcome = examine(item.data, item.opt_level, item.build, item.twice)
                with os.fdopen(write_fd, "w") as pipe:
                    json.dump(outcome.to_json(), pipe)
                status = 0
            finally:
                os._exit(status)
        os.close(write_fd)
        return cls(pid, read_fd, time.monotonic())

    def deadline(self, limit: float) -> float:
        return self.started + limit

    def finish(self) -> Outcome:
        """The child's answer (it has closed its end or written all of it)."""
        chunks = []
        while chunk := os.read(self.fd, 1 << 16):
            chunks.append(chunk)
        os.close(self.fd)
        _, status = os.waitpid(self.pid, 0)
        try:
            return Outcome.from_json(json.loads(b"".join(chunks)))
        except ValueError:
            how = (f"killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
                   else f"exit status {os.WEXITSTATUS(status)}")
            return Outcome("crashed", findings=[("crash", f"the process running farc died ({how}) without an answer")])

    def kill(self) -> None:
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        os.close(self.fd)
        os.waitpid(self.pid, 0)
