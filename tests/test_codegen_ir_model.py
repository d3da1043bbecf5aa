"""The typed model of printed LLVM IR that legalization reasons on (compiler/codegen/ir_model.py).

* the barrier rule is by exclusion: every call form, every memory operation
  but a plain load, every terminator and every unknown opcode is a barrier;
* on real compiler output (every program of tests/programs and examples, as
  LLVM prints it before and after legalization, at -O0 and -O2) the model
  reads every instruction as llvmlite does (opcode, name, operand types),
  and printing a parsed instruction again gives LLVM's own line back;
* `cross_check` notices a model that misread an instruction.
"""
from __future__ import annotations

import llvmlite.binding as llvm
import pytest

from compiler.codegen.ir_model import (
    Call, Load, ModuleText, cross_check, instruction, load_may_cross, parse_function, rebuilt, view,
)
from programs_support import PROGRAM_FILES, compile_program

BARRIERS = [
    "call void @g(ptr addrspace(1001) %p)",
    "tail call void @g(ptr addrspace(1001) %p)",
    "notail call void @g(ptr addrspace(1001) %p)",
    "musttail call void @g(ptr addrspace(1001) %p)",
    "%r = call i32 @h()",
    "invoke void @g(ptr addrspace(1001) %p) to label %ok unwind label %bad",
    "callbr void asm \"\", \"!i\"() to label %ok [label %other]",
    "call void asm sideeffect \"\", \"~{memory}\"()",
    "store i32 1, ptr addrspace(1001) %p, align 4",
    "store volatile i32 1, ptr %q, align 4",
    "%v = load volatile i32, ptr addrspace(1001) %p, align 4",
    "%v = load atomic i32, ptr addrspace(1001) %p seq_cst, align 4",
    "fence seq_cst",
    "%o = atomicrmw add ptr %q, i32 1 seq_cst",
    "%o = cmpxchg ptr %q, i32 0, i32 1 seq_cst seq_cst",
    "%d = udiv i32 %a, %b",
    "%d = srem i32 %a, %b",
    "%f = frem float %x, %y",
    "%i = fptosi float %x to i32",
    "%x = va_arg ptr %ap, i32",
    "%s = alloca i32, align 4",
    "%p2 = addrspacecast ptr %q to ptr addrspace(1001)",
    "%m = phi i32 [ 0, %a ], [ 1, %b ]",
    "br label %next",
    "ret void",
    "unreachable",
    "%n = someday_a_new_opcode i32 %a",
]
CROSSABLE = [
    "%v = load i32, ptr addrspace(1001) %p, align 4",
    "%v = load i32, ptr %q, align 4, !alias.scope !0",
    "%s = add nuw i32 %a, 1", "%c = icmp ult i32 %a, %b", "%z = zext i8 %b to i32",
    "%g = getelementptr inbounds nuw i8, ptr addrspace(1001) %p, i32 4",
    "%e = extractelement <4 x i32> %v, i32 0", "%w = insertelement <4 x i32> %v, i32 %x, i64 1",
    "%sh = shufflevector <4 x i32> %v, <4 x i32> poison, <4 x i32> zeroinitializer",
    "%sel = select i1 %c, i32 %a, i32 %b", "%fr = freeze i32 %a", "%i = ptrtoint ptr %q to i32",
]


@pytest.mark.parametrize("line", BARRIERS)
def test_every_call_form_memory_operation_and_unknown_opcode_is_a_barrier(line):
    assert not load_may_cross(instruction("  " + line))


@pytest.mark.parametrize("line", CROSSABLE)
def test_pure_instructions_and_plain_loads_may_be_crossed(line):
    assert load_may_cross(instruction("  " + line))


def test_the_call_forms_are_calls_with_their_kind():
    for kind in ("", "tail", "musttail", "notail"):
        ins = instruction(f"  {kind} call void @g(ptr addrspace(1001) noundef %p, i32 7)".replace("   ", "  "))
        assert ins.opcode == "call" and ins.call_kind == kind
        call = ins.form
        assert isinstance(call, Call) and call.callee_name == "g"
        assert [str(a) for a in call.args] == ["ptr addrspace(1001) noundef %p", "i32 7"]
        assert rebuilt(ins, call) == ins.line


def test_use_counts_and_multi_line_instructions():
    function = parse_function('''define i32 @f(i32 %a, ptr %q) {
start:
  %x = load i32, ptr %q, align 4
  %y = add i32 %x, %x
  switch i32 %y, label %done [
    i32 1, label %done
    i32 2, label %other
  ]

other:                                            ; preds = %start
  br label %done

done:                                             ; preds = %other, %start, %start
  %r = phi i32 [ %y, %start ], [ %a, %other ], [ %y, %start ]
  ret i32 %r
}'''.splitlines())
    assert [i.opcode for i in function.instructions] == ["load", "add", "switch", "br", "phi", "ret"]
    assert [i.block for i in function.instructions] == [0, 0, 0, 1, 2, 2]
    assert function.use_count("%x") == 2 and function.use_count("%y") == 3 and function.use_count("%r") == 1
    assert function.use_count("%a") == 1 and function.use_count("%q") == 1
    assert isinstance(function.instructions[0].form, Load)


#: programs with far and near structs, arrays, vectors, bulk copies, 64-bit memories and generics
SAMPLE = {"structs_arrays", "memory_copy", "memory64", "far_widening", "generics", "far_sum"}


def _module_texts():
    """LLVM's printing of real modules: optimized (pre-legalization) and legalized, -O0 and -O2."""
    for path in (p for p in PROGRAM_FILES if p.stem in SAMPLE):
        for level in (0, 2):
            artifacts, sink = compile_program(path, level)
            if artifacts.llvm_ir is None:
                continue
            yield f"{path.stem}-O{level}", artifacts.llvm_ir
            yield f"{path.stem}-O{level}-legalized", artifacts.llvm_ir_legalized


def test_the_model_reads_real_modules_as_llvm_does():
    checked = 0
    for name, text in _module_texts():
        module = llvm.parse_assembly(text)
        for lines in ModuleText.parse(text).definitions():
            function = parse_function(lines)
            everything = set(range(len(function.instructions)))
            problem = cross_check(module.get_function(function.name), view(function, everything))
            assert problem is None, f"{name} `{function.name}`: {problem}"
            for ins in function.instructions:
                form = ins.form
                if form is not None:  # printing the parsed operands gives LLVM's line back
                    assert rebuilt(ins, form) == ins.line, name
                    checked += 1
    assert checked > 1000


def test_cross_check_notices_a_misread():
    text = next(text for name, text in _module_texts() if name.endswith("-O0"))
    module = llvm.parse_assembly(text)
    lines = next(ModuleText.parse(text).definitions())
    function = parse_function(lines)
    everything = set(range(len(function.instructions)))
    llvm_function = module.get_function(function.name)
    assert cross_check(llvm_function, view(function, everything)) is None
    # an opcode read wrongly
    wrong = view(function, everything)
    wrong.opcodes[0][0] = "add"
    assert "the model reads `add`" in cross_check(llvm_function, wrong)
    # an operand type read wrongly
    wrong = view(function, everything)
    block, entries = next((b, e) for b, e in wrong.checked.items() if any(x.operand_types for x in e.values()))
    position, expected = next((p, x) for p, x in entries.items() if x.operand_types)
    entries[position] = type(expected)(expected.opcode, expected.name, ("i1",) * len(expected.operand_types))
    assert "operand types" in cross_check(llvm_function, wrong)
    # an instruction the model did not see
    wrong = view(function, everything)
    wrong.opcodes[0].pop()
    assert "more than the model" in cross_check(llvm_function, wrong)


def test_a_returned_value_with_a_debug_location_is_one_operand():
    """`ret T %v, !dbg !N` (codegen.debug_lines): the attachment is no operand. It
    was read as one, so legalizing a function returning a 64-bit memory pointer
    with source lines on (`farc run`) failed with an internal error."""
    ins = instruction("  ret ptr addrspace(1003) %ptr.1, !dbg !257")
    assert [str(o) for o in ins.form.operands()] == ["ptr addrspace(1003) %ptr.1"]
    assert ins.form.render() == "ret ptr addrspace(1003) %ptr.1, !dbg !257"
