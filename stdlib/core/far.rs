//! Far-memory helpers (`core::far`, a farc extension): functions generic over
//! the memories of their pointers, and `Arena<M>`, a bump allocator that
//! hands out pointers into memory `M` and grows it with `memory_grow`.
//!
//! Every helper keeps its memories in its types: a pointer into memory `S`
//! stays a `#[mem_idx(S)]` pointer, and the memory parameters are inferred
//! from the arguments (or written: `far::fill::<u32, 1>(p, 0, 4)`), so a
//! helper never moves a pointer into another memory (docs/stdlib.md).

use crate::arch::wasm32::{memory_grow, memory_size};
use crate::intrinsics::abort;
use crate::mem::{align_of, size_of};

/// The size of a WebAssembly page, in bytes.
pub const PAGE_SIZE: usize = 65536;

/// Copies `count` elements from `src` (in memory `S`) to `dst` (in memory
/// `D`); the regions may overlap when `S == D` (`core::ptr::copy`).
pub unsafe fn copy<T, const S: usize, const D: usize>(src: #[mem_idx(S)] *const T, dst: #[mem_idx(D)] *mut T, count: usize) {
    crate::ptr::copy(src, dst, count);
}

/// Copies `count` elements that do not overlap (`core::ptr::copy_nonoverlapping`).
pub unsafe fn copy_nonoverlapping<T, const S: usize, const D: usize>(src: #[mem_idx(S)] *const T, dst: #[mem_idx(D)] *mut T, count: usize) {
    crate::ptr::copy_nonoverlapping(src, dst, count);
}

/// Writes `value` into the `count` elements from `dst` (in memory `M`).
pub unsafe fn fill<T: Copy, const M: usize>(dst: #[mem_idx(M)] *mut T, value: T, count: usize) {
    let mut i = 0usize;
    while i < count {
        *dst.add(i) = value;
        i += 1;
    }
}

/// Sets the `count` bytes from `dst` to `byte` (`memory.fill` on memory `M`).
pub unsafe fn fill_bytes<const M: usize>(dst: #[mem_idx(M)] *mut u8, byte: u8, count: usize) {
    crate::ptr::write_bytes(dst, byte, count);
}

/// Compares `count` bytes of `a` (in memory `A`) with those of `b` (in memory
/// `B`) as `memcmp` does: -1, 0 or 1 as the first differing byte of `a` is
/// smaller, (none differs) or larger, comparing bytes as unsigned.
pub unsafe fn compare_bytes<const A: usize, const B: usize>(a: #[mem_idx(A)] *const u8, b: #[mem_idx(B)] *const u8, count: usize) -> i32 {
    let mut i = 0usize;
    while i < count {
        let x = *a.add(i);
        let y = *b.add(i);
        if x < y {
            return -1;
        }
        if x > y {
            return 1;
        }
        i += 1;
    }
    0
}

/// Whether the `count` elements from `a` (in memory `A`) equal those from
/// `b` (in memory `B`), pairwise with `==`.
pub unsafe fn equal<T: Copy + PartialEq, const A: usize, const B: usize>(a: #[mem_idx(A)] *const T, b: #[mem_idx(B)] *const T, count: usize) -> bool {
    let mut i = 0usize;
    while i < count {
        let x = *a.add(i);
        let y = *b.add(i);
        if x != y {
            return false;
        }
        i += 1;
    }
    true
}

// `read`, `write`, `replace`, `swap` and `swap_nonoverlapping` are core::ptr's
// (generic over the memories of their pointers there too): the same functions
// under both names.
pub use crate::ptr::{read, replace, swap, swap_nonoverlapping, write};

/// Copies the elements of `src` (a slice in memory `S`) into `dst` (a slice
/// in memory `D`), as Rust's `dst.copy_from_slice(src)`: the lengths must be
/// equal (otherwise it traps, where Rust panics). One `memory.copy`.
pub fn copy_from_slice<T: Copy, const D: usize, const S: usize>(dst: #[mem_idx(D)] &mut [T], src: #[mem_idx(S)] &[T]) {
    if dst.len() != src.len() {
        abort();
    }
    unsafe {
        crate::ptr::copy(src.as_ptr(), dst.as_mut_ptr(), src.len());
    }
}

/// Exchanges the elements of `a` (in memory `A`) and `b` (in memory `B`), as
/// Rust's `a.swap_with_slice(b)`: the lengths must be equal (otherwise it traps).
pub fn swap_with_slice<T: Copy, const A: usize, const B: usize>(a: #[mem_idx(A)] &mut [T], b: #[mem_idx(B)] &mut [T]) {
    if a.len() != b.len() {
        abort();
    }
    let mut i = 0usize;
    while i < a.len() {
        let x = a[i];
        a[i] = b[i];
        b[i] = x;
        i += 1;
    }
}

/// Writes `value` into every element of `dst` (in memory `M`), as Rust's `dst.fill(value)`.
pub fn fill_slice<T: Copy, const M: usize>(dst: #[mem_idx(M)] &mut [T], value: T) {
    let mut i = 0usize;
    while i < dst.len() {
        dst[i] = value;
        i += 1;
    }
}

/// Whether `a` (in memory `A`) and `b` (in memory `B`) have the same length
/// and pairwise `==` elements, as Rust's `a == b` on slices.
pub fn slices_equal<T: Copy + PartialEq, const A: usize, const B: usize>(a: #[mem_idx(A)] &[T], b: #[mem_idx(B)] &[T]) -> bool {
    a.len() == b.len() && unsafe { equal(a.as_ptr(), b.as_ptr(), a.len()) }
}

/// The order of two byte slices in any memories, as Rust's `a.cmp(b)`:
/// -1, 0 or 1, by the first differing byte (unsigned), else by length.
pub fn compare_byte_slices<const A: usize, const B: usize>(a: #[mem_idx(A)] &[u8], b: #[mem_idx(B)] &[u8]) -> i32 {
    let common = if a.len() < b.len() { a.len() } else { b.len() };
    let order = unsafe { compare_bytes(a.as_ptr(), b.as_ptr(), common) };
    if order != 0 {
        order
    } else if a.len() < b.len() {
        -1
    } else if a.len() > b.len() {
        1
    } else {
        0
    }
}

/// `Some(block)` holding `value`, or `None` for a null block (an allocator was full).
fn stored<T, const M: usize>(block: #[mem_idx(M)] *mut T, value: T) -> Option<#[mem_idx(M)] *mut T> {
    if block.is_null() {
        return None;
    }
    unsafe {
        *block = value;
    }
    Some(block)
}

/// The bytes a 32-bit memory can address.
const MEMORY32_BYTES: u64 = 1u64 << 32;

/// A bump allocator in memory `M` (a 32-bit memory): `alloc` hands out
/// `#[mem_idx(M)]` pointers one after the other and never frees one;
/// `reset` starts over. `Arena::new()` takes the pages it needs from the
/// end of memory `M` with `memory_grow::<M>`, so it never hands out memory
/// that was there before (a far static, another arena's pages).
/// `Arena::in_region` allocates in a region you give it and never grows.
pub struct Arena<const M: usize> {
    /// where the current chunk starts (`reset` goes back here)
    start: u64,
    /// the next free byte
    next: u64,
    /// the end of the current chunk
    end: u64,
    /// whether a full chunk grows memory `M`
    grows: bool,
}

impl<const M: usize> Arena<M> {
    /// `x` rounded up to a multiple of `align` (a power of two), in 64 bits
    /// (no 32-bit address overflows).
    fn align_up(x: u64, align: u64) -> u64 {
        (x + align - 1) & !(align - 1)
    }

    /// An empty arena that grows memory `M` as it is used.
    pub fn new() -> Arena<M> {
        let top = memory_size::<M>() as u64 * PAGE_SIZE as u64;
        Arena { start: top, next: top, end: top, grows: true }
    }

    /// An arena over the `len` bytes from `start`, which never grows.
    pub fn in_region(start: #[mem_idx(M)] *mut u8, len: usize) -> Arena<M> {
        let base = start as usize as u64;
        let mut end = base + len as u64;
        if end > MEMORY32_BYTES {
            end = MEMORY32_BYTES; // (no address of a 32-bit memory is beyond)
        }
        Arena { start: base, next: base, end: end, grows: false }
    }

    /// `size` bytes aligned to `align` (a power of two), or a null pointer
    /// when memory `M` cannot hold them (it cannot grow, or the arena does not).
    pub fn alloc_raw(&mut self, size: usize, align: usize) -> #[mem_idx(M)] *mut u8 {
        if align == 0 || (align & (align - 1)) != 0 {
            abort();
        }
        let size = size as u64;
        let align = align as u64;
        loop {
            // (address 0 is never handed out: a null pointer means "full")
            let at = Self::align_up(if self.next == 0 { 1 } else { self.next }, align);
            if at + size <= self.end {
                self.next = at + size;
                return at as usize as #[mem_idx(M)] *mut u8;
            }
            if !self.grows {
                return crate::ptr::null_mut();
            }
            let pages = (at + size - self.end + PAGE_SIZE as u64 - 1) / PAGE_SIZE as u64;
            if pages > 65536 {
                return crate::ptr::null_mut();
            }
            let old = memory_grow::<M>(pages as usize);
            if old == usize::MAX {
                return crate::ptr::null_mut();
            }
            let old_end = old as u64 * PAGE_SIZE as u64;
            if old_end != self.end {
                // memory M grew since this chunk was taken (another arena, the
                // program): the new pages start a new chunk
                self.start = old_end;
                self.next = old_end;
            }
            self.end = old_end + pages * PAGE_SIZE as u64;
        }
    }

    /// Room for one `T`, holding `value`; aborts when memory `M` is full.
    pub fn alloc<T>(&mut self, value: T) -> #[mem_idx(M)] *mut T {
        match self.try_alloc(value) {
            Some(p) => p,
            None => abort(),
        }
    }

    /// Room for one `T`, holding `value`, or `None` when memory `M` is full.
    pub fn try_alloc<T>(&mut self, value: T) -> Option<#[mem_idx(M)] *mut T> {
        stored(self.alloc_raw(size_of::<T>(), align_of::<T>()).cast::<T>(), value)
    }

    /// Room for `count` values of `T`, each holding `value`; aborts when
    /// memory `M` is full (or `count` elements cannot be addressed).
    pub fn alloc_array<T: Copy>(&mut self, value: T, count: usize) -> #[mem_idx(M)] *mut T {
        let bytes = size_of::<T>() as u64 * count as u64;
        if bytes > usize::MAX as u64 {
            abort();
        }
        let p = self.alloc_raw(bytes as usize, align_of::<T>()).cast::<T>();
        if p.is_null() {
            abort();
        }
        unsafe {
            fill(p, value, count);
        }
        p
    }

    /// The bytes handed out from the current chunk.
    pub fn used(&self) -> usize {
        (self.next - self.start) as usize
    }

    /// The bytes left in the current chunk (more comes from `memory_grow`).
    pub fn remaining(&self) -> usize {
        (self.end - self.next) as usize
    }

    /// Starts over at the beginning of the current chunk: pointers handed
    /// out before then point at memory that will be handed out again.
    pub fn reset(&mut self) {
        self.next = self.start;
    }
}

/// The size classes of a `Heap`: blocks of 16, 32, 64, ... bytes, up to 2 GiB.
const HEAP_CLASSES: usize = 28;
/// The smallest block (room for the free list's link, and a useful alignment).
const HEAP_MIN_BLOCK: usize = 16;
/// A free list's end.
const HEAP_NONE: usize = usize::MAX;

/// An allocator in memory `M` (a 32-bit memory) that can free: `alloc`
/// hands out `#[mem_idx(M)]` blocks, `dealloc` takes them back for reuse.
/// A request of `size` bytes aligned to `align` gets a block of the next
/// power of two of both (at least 16 bytes), from a free list per size or
/// else from an `Arena<M>` that grows memory `M`. Out of memory, `alloc`
/// returns a null pointer (address 0 is never handed out).
pub struct Heap<const M: usize> {
    arena: Arena<M>,
    /// per size class (`16 << k` bytes), the address of the first free block
    /// (each free block holds the address of the next; HEAP_NONE ends a list)
    free: [usize; HEAP_CLASSES],
}

impl<const M: usize> Heap<M> {
    /// An empty heap at the current end of memory `M`, growing it as needed.
    pub fn new() -> Heap<M> {
        Heap { arena: Arena::new(), free: [HEAP_NONE; HEAP_CLASSES] }
    }

    /// The size class of a block for `size` bytes aligned to `align`
    /// (HEAP_CLASSES when none is large enough).
    fn class_of(size: usize, align: usize) -> usize {
        let need = if size > align { size } else { align };
        let mut class = 0;
        let mut block = HEAP_MIN_BLOCK;
        while block < need && class < HEAP_CLASSES {
            block = block << 1;
            class += 1;
        }
        class
    }

    /// `size` bytes aligned to `align` (a power of two, at most 64 KiB;
    /// another `align` aborts), or a null pointer when memory `M` is full.
    pub fn alloc(&mut self, size: usize, align: usize) -> #[mem_idx(M)] *mut u8 {
        if align == 0 || (align & (align - 1)) != 0 || align > PAGE_SIZE {
            abort();
        }
        let class = Self::class_of(size, align);
        if class >= HEAP_CLASSES {
            return crate::ptr::null_mut();
        }
        let head = self.free[class];
        if head != HEAP_NONE {
            let block = head as #[mem_idx(M)] *mut u8;
            unsafe {
                self.free[class] = *block.cast::<usize>();
            }
            return block;
        }
        let bytes = HEAP_MIN_BLOCK << class;
        // a block is aligned to its size (up to a page), so a reused block
        // satisfies any alignment its class admits
        self.arena.alloc_raw(bytes, if bytes < PAGE_SIZE { bytes } else { PAGE_SIZE })
    }

    /// Gives back a block `alloc(size, align)` returned (the same `size`
    /// and `align`); a null `ptr` is ignored. Its memory is handed out again.
    pub unsafe fn dealloc(&mut self, ptr: #[mem_idx(M)] *mut u8, size: usize, align: usize) {
        if ptr.is_null() {
            return;
        }
        let class = Self::class_of(size, align);
        if class >= HEAP_CLASSES {
            abort();
        }
        *ptr.cast::<usize>() = self.free[class];
        self.free[class] = ptr as usize;
    }

    /// Room for one `T`, holding `value`, or `None` when memory `M` is full.
    pub fn alloc_value<T>(&mut self, value: T) -> Option<#[mem_idx(M)] *mut T> {
        stored(self.alloc(size_of::<T>(), align_of::<T>()).cast::<T>(), value)
    }

    /// Gives back a block `alloc_value::<T>` returned.
    pub unsafe fn dealloc_value<T>(&mut self, ptr: #[mem_idx(M)] *mut T) {
        self.dealloc(ptr.cast::<u8>(), size_of::<T>(), align_of::<T>());
    }
}
