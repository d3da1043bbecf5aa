//! farc's `core`: the library every farc crate can use without declaring it,
//! as Rust's `core` (also reachable as `std`). It is farc source, checked
//! with every program; what only the compiler can do is declared here by a
//! signature without a body (a farc built-in, docs/reference.md section 11).

/// Raw pointers (`core::ptr`).
pub mod ptr {
    /// The null pointer; its memory comes from where it is used.
    pub fn null<T>() -> *const T;
    pub fn null_mut<T>() -> *mut T;
    /// Copies `count` elements; the regions may overlap and may be in different memories.
    pub unsafe fn copy<T>(src: *const T, dst: *mut T, count: usize);
    pub unsafe fn copy_nonoverlapping<T>(src: *const T, dst: *mut T, count: usize);
    pub unsafe fn write_bytes<T>(dst: *mut T, val: u8, count: usize);
}

/// Slices (`core::slice`).
pub mod slice {
    /// The `len` elements at `data`, as a slice in `data`'s memory.
    pub unsafe fn from_raw_parts<T>(data: *const T, len: usize) -> &[T];
    pub unsafe fn from_raw_parts_mut<T>(data: *mut T, len: usize) -> &mut [T];
}

/// Sizes and alignments (`core::mem`).
pub mod mem {
    pub fn size_of<T>() -> usize;
    pub fn align_of<T>() -> usize;
}

/// Traps (`core::intrinsics`).
pub mod intrinsics {
    pub fn abort() -> !;
    pub unsafe fn unreachable() -> !;
}

/// WebAssembly's memory instructions (`core::arch::wasm32`), for any memory.
pub mod arch {
    pub mod wasm32 {
        pub fn memory_size<const MEM: usize>() -> usize;
        pub fn memory_grow<const MEM: usize>(delta: usize) -> usize;
    }
}
