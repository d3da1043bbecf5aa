"""Layout: sizes, alignments and C struct layout agree with LLVM's datalayout;
far statics get aligned addresses from 16 and little-endian bytes."""
from __future__ import annotations

import struct

import llvmlite.binding as llvm
import pytest
from llvmlite import ir

from codegen_builders import (
    BOOL, F32, F64, I8, I16, I32, I64, U8, U16, U32, U64, USIZE, array, memories, ptr, static, struct as mk_struct,
)
from compiler.codegen.layout import (
    FAR_STATIC_BASE, Layout, LayoutError, datalayout, is_zero_constant, place_statics,
)
from compiler.check.tree import EnumConst, EnumDef, Repeated, VariantDef
from compiler.diagnostics import DiagnosticSink
from compiler.memory import MemoryDecl
from compiler.types import ISIZE, UNIT, EnumType, StructType, TupleType, TypeParam

MEMS = memories(MemoryDecl(1), MemoryDecl(2, memory64=True))
INNER = mk_struct("Inner", ("a", U8), ("b", F64))
OUTER = mk_struct("Outer", ("flag", BOOL), ("inner", StructType("Inner")), ("far", ptr(U32, 2)),
                  ("near", ptr(U8, 1)), ("small", I16), ("unit", UNIT), ("arr", array(U16, 3)))
STRUCTS = {s.name: s for s in (INNER, OUTER)}


def make_layout() -> Layout:
    return Layout(STRUCTS, MEMS)


@pytest.mark.parametrize("ty, size, align", [
    (I8, 1, 1), (I16, 2, 2), (I32, 4, 4), (I64, 8, 8), (USIZE, 4, 4), (F32, 4, 4), (F64, 8, 8),
    (BOOL, 1, 1), (UNIT, 0, 1), (ptr(U8), 4, 4), (ptr(U8, 1), 4, 4), (ptr(U8, 2), 8, 8),
    (array(U16, 5), 10, 2), (StructType("Inner"), 16, 8),
])
def test_scalar_sizes(ty, size, align):
    assert make_layout().size_align(ty) == (size, align)


def test_c_struct_layout_by_hand():
    lay = make_layout()
    # flag@0, inner@8 (align 8, 16 bytes), far@24 (8-byte memory64 pointer),
    # near@32, small@36, unit@38, arr@38 (3 x u16) -> 44, rounded to 48
    assert lay.field_offsets("Outer") == [0, 8, 24, 32, 36, 38, 38]
    assert lay.size_align(StructType("Outer")) == (48, 8)


def test_layout_matches_llvm_datalayout():
    """Our C layout must be LLVM's natural layout of the emitted struct type,
    or GEPs and memcpy sizes would disagree."""
    lay = make_layout()
    module = ir.Module(context=lay.context)
    module.data_layout = datalayout(MEMS)
    for name in STRUCTS:
        gv = ir.GlobalVariable(module, lay.struct_type(name), name=f"g_{name}")
        gv.initializer = ir.Constant(lay.struct_type(name), None)
    llvm.initialize_all_targets()
    parsed = llvm.parse_assembly(str(module))
    target_data = llvm.create_target_data(datalayout(MEMS))
    for name in STRUCTS:
        llty = parsed.get_global_variable(f"g_{name}").global_value_type
        assert target_data.get_abi_size(llty) == lay.size_of(StructType(name))
        for index, offset in enumerate(lay.field_offsets(name)):
            assert target_data.get_element_offset(llty, index) == offset, (name, index)


def test_datalayout_adds_memory64_spaces():
    assert datalayout(MEMS).endswith("-ni:1:10:20-p1002:64:64")


def test_datalayout_is_the_target_machines():
    """The module's datalayout is the wasm32 target machine's (plus the
    64-bit far spaces): the optimizer and the back end use one layout."""
    from compiler.codegen.layout import WASM32_DATALAYOUT
    from compiler.codegen.optimize import target_machine

    assert str(target_machine(2).target_data) == WASM32_DATALAYOUT


def test_recursive_struct_is_a_layout_error():
    loop = mk_struct("Loop", ("x", StructType("Loop")))
    with pytest.raises(LayoutError):
        Layout({"Loop": loop}, MEMS).size_of(StructType("Loop"))


def test_far_statics_are_bump_allocated_with_alignment():
    sink = DiagnosticSink()
    statics = [
        static("A", U8, 7, mem=1),
        static("B", U32, 0x11223344, mem=1),
        static("N", U32, 5, mem=0),  # memory 0 statics are globals, not placed
        static("C", array(I16, 2), (-1, 2), mem=1),
        static("D", F64, 1.5, mem=2),
        static("E", mk_struct_value_type(), (True, 3), mem=1),
    ]
    placement = place_statics(statics, Layout({"S": S_DEF, **STRUCTS}, MEMS), sink)
    assert not sink.diagnostics
    assert placement.addresses == {"A": 16, "B": 20, "C": 24, "D": 16, "E": 28}
    seg1, seg2 = placement.segments
    assert (seg1.mem, seg1.offset) == (1, FAR_STATIC_BASE)
    # one segment: the zero bytes between the statics are few; the zeros at the end are not written
    assert seg1.data == (b"\x07\x00\x00\x00" + struct.pack("<I", 0x11223344) + b"\xff\xff\x02\x00"
                         + b"\x01\x00\x00\x00" + struct.pack("<i", 3)).rstrip(b"\x00")
    # 1.5 is 00 00 00 00 00 00 f8 3f: its leading zeros are not written either
    assert (seg2.mem, seg2.offset, seg2.data) == (2, 16 + 6, struct.pack("<d", 1.5)[6:])
    assert placement.zero_fills == []  # both memories are defined: they start zeroed


def test_zero_far_statics_take_no_bytes_and_imported_memories_list_their_zeros():
    sink = DiagnosticSink()
    statics = [
        static("Z", array(U8, 1 << 20), Repeated(0, 1 << 20), mem=1),
        static("A", U32, 0x0A000000, mem=1),
        static("W", array(U32, 4), (0, 0, 0, 0), mem=2),
        static("B", U8, 9, mem=2),
        static("T", U8, 0, mem=2),
    ]
    mems = memories(MemoryDecl(1, min_pages=17), MemoryDecl(2, import_module="env", import_name="m"))
    placement = place_statics(statics, Layout({}, mems), sink)
    assert not sink.diagnostics
    start_a = FAR_STATIC_BASE + (1 << 20)
    assert placement.addresses == {"Z": 16, "A": start_a, "W": 16, "B": 32, "T": 33}
    assert [(s.mem, s.offset, s.data) for s in placement.segments] == [(1, start_a + 3, b"\x0a"), (2, 32, b"\x09")]
    # memory 2 is imported: everything of its statics' area that no segment writes is filled at start
    assert placement.zero_fills == [(2, 16, 16), (2, 33, 1)]


S_DEF = mk_struct("S", ("ok", BOOL), ("n", I32))


def mk_struct_value_type() -> StructType:
    return StructType("S")


def test_pointer_constants_use_the_memory_address_width():
    lay = make_layout()
    assert lay.const_bytes(ptr(U8, 2), 0x10) == (0x10).to_bytes(8, "little")
    assert lay.const_bytes(ptr(U8, 1), 0x10) == (0x10).to_bytes(4, "little")
    assert lay.const_bytes(I8, -2) == b"\xfe"


def test_far_statics_that_do_not_fit_are_b0006():
    sink = DiagnosticSink()
    small = memories(MemoryDecl(1, min_pages=1))
    place_statics([static("BIG", array(U8, 65536), (0,) * 65536, mem=1)], Layout({}, small), sink)
    assert [d.code for d in sink.diagnostics] == ["B0006"]
    assert "2 initial pages" in sink.diagnostics[0].render()


TUPLES = [
    TupleType((U8, I64, U16)), TupleType((BOOL,)), TupleType((ptr(U8, 2), U8)),
    TupleType((TupleType((U8, U16)), StructType("Inner"), array(U8, 3))), TupleType((UNIT, U32)),
]


def test_tuples_have_c_layout_and_match_llvm():
    """Tuples are laid out like C structs of their elements (farc's choice;
    rustc may reorder), and their literal LLVM struct types agree."""
    lay = make_layout()
    assert lay.record_layout(TUPLES[0].elems) == ([0, 8, 16], 24, 8)
    assert lay.size_align(TUPLES[2]) == (16, 8)  # a memory64 pointer is 8 bytes
    llvm.initialize_all_targets()
    target_data = llvm.create_target_data(datalayout(MEMS))
    module = ir.Module(context=lay.context)
    module.data_layout = datalayout(MEMS)
    for i, ty in enumerate(TUPLES):
        gv = ir.GlobalVariable(module, lay.llvm_mem_type(ty), name=f"t{i}")
        gv.initializer = ir.Constant(lay.llvm_mem_type(ty), None)
    parsed = llvm.parse_assembly(str(module))
    for i, ty in enumerate(TUPLES):
        llty = parsed.get_global_variable(f"t{i}").global_value_type
        assert target_data.get_abi_size(llty) == lay.size_of(ty), ty
        assert target_data.get_abi_alignment(llty) == lay.align_of(ty), ty
        for index, offset in enumerate(lay.record_layout(ty.elems)[0]):
            assert target_data.get_element_offset(llty, index) == offset, (ty, index)


def test_slice_references_are_two_words_and_match_llvm():
    """`&[T]` is `{ pointer to the first element, usize length }` laid out as a
    C struct: 8 bytes (a 64-bit memory's: 16, aligned to 8), the same size,
    alignment and offsets as LLVM gives the literal struct type."""
    from compiler.types import PointerType, SliceType
    lay = make_layout()
    slices = [PointerType(SliceType(U32), False, 0, True), PointerType(SliceType(U8), True, 1, True),
              PointerType(SliceType(U64), False, 2, True), array(PointerType(SliceType(U16), False, 2, True), 3)]
    assert [lay.size_align(ty) for ty in slices] == [(8, 4), (8, 4), (16, 8), (48, 8)]
    llvm.initialize_all_targets()
    target_data = llvm.create_target_data(datalayout(MEMS))
    module = ir.Module(context=lay.context)
    module.data_layout = datalayout(MEMS)
    for i, ty in enumerate(slices):
        gv = ir.GlobalVariable(module, lay.llvm_mem_type(ty), name=f"s{i}")
        gv.initializer = ir.Constant(lay.llvm_mem_type(ty), None)
    parsed = llvm.parse_assembly(str(module))
    for i, ty in enumerate(slices):
        llty = parsed.get_global_variable(f"s{i}").global_value_type
        assert target_data.get_abi_size(llty) == lay.size_of(ty), ty
        assert target_data.get_abi_alignment(llty) == lay.align_of(ty), ty
    for i, ty in enumerate(slices[:3]):
        llty = parsed.get_global_variable(f"s{i}").global_value_type
        assert target_data.get_element_offset(llty, 1) == lay.size_of(ty) // 2, ty  # the length after the pointer


OPTION = EnumDef("Option", [VariantDef("None", "unit", [], 0), VariantDef("Some", "tuple", [("0", TypeParam("T"))], 1)],
                 [("T", False)], U8, ISIZE)
FIELDLESS = EnumDef("Dir", [VariantDef("N", "unit", [], 0), VariantDef("S", "unit", [], 300)], [], U16, ISIZE)


def option(payload) -> EnumType:
    return EnumType("Option", (payload,))


ENUMS = [option(U8), option(U32), option(ptr(U8, 1)), option(ptr(U8, 2)), option(option(ptr(U8, 2))),
         option(TupleType((U8, ptr(U16, 2)))), option(StructType("Inner")), EnumType("Dir")]


def test_enums_are_a_tag_then_the_payload_and_match_llvm():
    """An enum is its tag, then at the enum's alignment the fields of the
    value's variant; a generic enum's layout follows its argument, so a
    pointer into a memory64 memory (8 bytes) makes a larger `Option` than a
    pointer into memory 1, also nested (`Option<Option<..>>` holds another
    instance of the same enum). LLVM's size and alignment of the LLVM type agree."""
    lay = Layout(STRUCTS, MEMS, enums={"Option": OPTION, "Dir": FIELDLESS})
    expected = [(2, 1, 1), (8, 4, 4), (8, 4, 4), (16, 8, 8), (24, 8, 8), (24, 8, 8), (24, 8, 8), (2, 2, 2)]
    assert [(lay.size_of(ty), lay.align_of(ty), lay.enum_layout(ty).payload_offset) for ty in ENUMS] == expected
    assert lay.enum_layout(option(TupleType((U8, ptr(U16, 2))))).field_offsets == ((), (8,))
    llvm.initialize_all_targets()
    target_data = llvm.create_target_data(datalayout(MEMS))
    module = ir.Module(context=lay.context)
    module.data_layout = datalayout(MEMS)
    for i, ty in enumerate(ENUMS):
        gv = ir.GlobalVariable(module, lay.llvm_mem_type(ty), name=f"e{i}")
        gv.initializer = ir.Constant(lay.llvm_mem_type(ty), None)
    parsed = llvm.parse_assembly(str(module))
    for i, ty in enumerate(ENUMS):
        llty = parsed.get_global_variable(f"e{i}").global_value_type
        assert (target_data.get_abi_size(llty), target_data.get_abi_alignment(llty)) == lay.size_align(ty), ty


def test_enum_constants_write_the_tag_and_the_variants_fields():
    lay = Layout(STRUCTS, MEMS, enums={"Option": OPTION, "Dir": FIELDLESS})
    far = option(ptr(U8, 2))
    assert lay.const_bytes(far, EnumConst(1, 1, (0x1234,))) == b"\x01" + bytes(7) + (0x1234).to_bytes(8, "little")
    assert lay.const_bytes(far, EnumConst(0, 0)) == bytes(16)
    nested = option(far)
    assert lay.const_bytes(nested, EnumConst(1, 1, (EnumConst(1, 1, (5,)),))) == (
        b"\x01" + bytes(7) + b"\x01" + bytes(7) + (5).to_bytes(8, "little"))
    assert lay.const_bytes(EnumType("Dir"), EnumConst(1, 300)) == (300).to_bytes(2, "little")
    # only an all-zero value is a zero constant (a `None` is, a `Some(0)` is not: its tag is 1)
    assert is_zero_constant(EnumConst(0, 0)) and is_zero_constant((EnumConst(0, 0), 0))
    assert not is_zero_constant(EnumConst(1, 1, (0,)))


def test_an_enum_that_holds_itself_is_a_layout_error():
    loop = EnumDef("Loop", [VariantDef("A", "tuple", [("0", EnumType("Loop"))], 0)], [], U8, ISIZE)
    with pytest.raises(LayoutError):
        Layout({}, MEMS, enums={"Loop": loop}).size_of(EnumType("Loop"))
