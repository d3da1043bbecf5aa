// core::far keeps the memories in its types: an Arena<1>'s and a Heap<1>'s
// pointers are #[mem_idx(1)] (and a Heap<1> takes back only those), a
// helper's memory parameters come from its arguments (or are written, and
// then must match them), the slice helpers copy elements of one type only,
// and nothing they return is in another memory. Each line below would move a
// pointer into the wrong memory.
#![memory(1, min = 1)]
#![memory(2, min = 1)]

use core::far::{self, Arena, Heap};

fn wrong_arena_memory() {
    let mut arena = Arena::<1>::new();
    let _p: #[mem_idx(2)] *mut u32 = arena.alloc(1u32); //~ ERROR M0001 mismatched memories: expected a pointer into memory 2, found a pointer into memory 1
    let _q: *mut u32 = arena.alloc(2u32); //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 1
    let _r: #[mem_idx(1)] *mut u32 = arena.alloc(3u32);
}

fn arena_region_memory(p: #[mem_idx(2)] *mut u8) {
    let _arena: Arena<1> = Arena::in_region(p, 16); //~ ERROR M0008 this instantiation makes memory 1 meet memory 2
    //~| NOTE the const generic parameter `M` of `core::far::Arena<M>::in_region` fixes the memory
    //~| NOTE pointers into different memories are different types
}

fn arena_of_arena_memory(mut arena: Arena<2>) -> #[mem_idx(1)] *mut u8 {
    arena.alloc_raw(4, 4) //~ ERROR M0003 returned pointer points into memory 2, but the return type points into memory 1
}

unsafe fn written_memories(src: #[mem_idx(1)] *const u32, dst: #[mem_idx(2)] *mut u32) {
    far::copy::<u32, 1, 2>(src, dst, 1);
    far::copy::<u32, 2, 1>(src, dst, 1); //~ ERROR M0008 this instantiation makes memory 2 meet memory 1
    //~| NOTE the const generic parameters `S, D` of `core::far::copy` fix the memory
    //~| NOTE pointers into different memories are different types
    //~^^^ ERROR M0008 this instantiation makes memory 1 meet memory 2
    far::fill::<u32, 1>(dst, 0, 1); //~ ERROR M0008 this instantiation makes memory 1 meet memory 2
}

// a pointer stored in memory 1 that points into memory 0 stays one when read,
// swapped or copied (T carries its memory)
unsafe fn stored_pointers(src: #[mem_idx(1)] *mut *const u32, far2: #[mem_idx(2)] *mut #[mem_idx(2)] *const u32) {
    let _ok: *const u32 = far::read(src.cast_const());
    let _inner: #[mem_idx(1)] *const u32 = far::read(src.cast_const()); //~ ERROR M0002 argument points into memory 0, but the parameter points into memory 1
    far::swap(src, far2); //~ ERROR M0002 argument points into memory 2, but the parameter points into memory 0
    far::copy(far2.cast_const(), src, 1); //~ ERROR M0002 argument points into memory 0, but the parameter points into memory 2
}

// a Heap<1> hands out and takes back pointers into memory 1 only
unsafe fn heap_memories(near: *mut u8, two: #[mem_idx(2)] *mut u32) {
    let mut heap = Heap::<1>::new();
    let _p: #[mem_idx(2)] *mut u8 = heap.alloc(4, 4); //~ ERROR M0001 mismatched memories: expected a pointer into memory 2, found a pointer into memory 1
    heap.dealloc(near, 4, 4); //~ ERROR M0008 this instantiation makes memory 1 meet memory 0
    heap.dealloc_value::<u32>(two); //~ ERROR M0008 this instantiation makes memory 1 meet memory 2
    let _v: Option<*mut u32> = heap.alloc_value(1u32); //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 1
}

// the slice helpers copy elements of one type: a slice of pointers into memory 0
// (kept in memory 1) is not a slice of pointers into memory 2
fn slice_elements(dst: &mut [#[mem_idx(2)] *const u32], src: #[mem_idx(1)] &[*const u32], p: *const u32) {
    far::copy_from_slice(dst, src); //~ ERROR M0002 argument points into memory 0, but the parameter points into memory 2
    far::fill_slice(dst, p); //~ ERROR M0002 argument points into memory 0, but the parameter points into memory 2
    let _same = far::slices_equal(dst, src); //~ ERROR M0002 argument points into memory 0, but the parameter points into memory 2
}

// core::ptr's and core::mem's functions exchange values of one type: a pointer
// into memory 1 is not swapped with, or stored as, a pointer into memory 0,
// and addresses in different memories are not compared
unsafe fn ptr_and_mem(mut near: *const u32, mut far: #[mem_idx(1)] *const u32, slot: *mut *const u32) {
    core::mem::swap(&mut near, &mut far); //~ ERROR M0002 argument points into memory 1, but the parameter points into memory 0
    core::ptr::write(slot, far); //~ ERROR M0002 argument points into memory 1, but the parameter points into memory 0
    let _old: #[mem_idx(1)] *const u32 = core::mem::replace(&mut near, far); //~ ERROR M0002 argument points into memory 0, but the parameter points into memory 1
    let _same = core::ptr::eq(near, far); //~ ERROR M0008 this instantiation makes memory 0 meet memory 1
}

fn main() {}
