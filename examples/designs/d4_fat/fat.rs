//! Design 4, fat far pointers: the memory is a run-time value beside the
//! address, so one type serves every memory and every access dispatches on
//! it. The program's memories are 0, 1 and 2; an access to any other memory
//! traps. This module is the library a design-4 program uses (the comparison
//! counts it separately from the programs).

/// A pointer to data in memory `mem` at `addr`.
pub struct FarPtr {
    pub mem: u32,
    pub addr: usize,
}

/// The fat pointer of a thin one: the memory of its type becomes data.
pub fn from_thin<T, const M: usize>(p: #[mem_idx(M)] *const T) -> FarPtr {
    FarPtr { mem: M as u32, addr: p as usize }
}

/// The thin pointer into memory `M` of a fat one: checked, traps when the fat
/// pointer is into another memory.
pub fn to_thin<T, const M: usize>(p: FarPtr) -> #[mem_idx(M)] *mut T {
    if p.mem != M as u32 {
        core::intrinsics::abort()
    }
    p.addr as #[mem_idx(M)] *mut T
}

/// `p` moved by `count` elements of `T`.
pub fn add<T>(p: FarPtr, count: usize) -> FarPtr {
    FarPtr { mem: p.mem, addr: p.addr + count * core::mem::size_of::<T>() }
}

/// The value at `p`, read from `p`'s memory.
pub unsafe fn read<T>(p: FarPtr) -> T {
    if p.mem == 0 {
        *(p.addr as *const T)
    } else if p.mem == 1 {
        *(p.addr as #[mem_idx(1)] *const T)
    } else if p.mem == 2 {
        *(p.addr as #[mem_idx(2)] *const T)
    } else {
        core::intrinsics::abort()
    }
}

/// Stores `v` at `p`, in `p`'s memory.
pub unsafe fn write<T>(p: FarPtr, v: T) {
    if p.mem == 0 {
        *(p.addr as *mut T) = v;
    } else if p.mem == 1 {
        *(p.addr as #[mem_idx(1)] *mut T) = v;
    } else if p.mem == 2 {
        *(p.addr as #[mem_idx(2)] *mut T) = v;
    } else {
        core::intrinsics::abort()
    }
}

/// Copies `count` bytes from `src` to `dst` (any two memories; one
/// `memory.copy` once both memories are known: a dispatch over the pairs).
pub unsafe fn copy_bytes(src: FarPtr, dst: FarPtr, count: usize) {
    if src.mem == 0 {
        copy_from(src.addr as *const u8, dst, count)
    } else if src.mem == 1 {
        copy_from(src.addr as #[mem_idx(1)] *const u8, dst, count)
    } else if src.mem == 2 {
        copy_from(src.addr as #[mem_idx(2)] *const u8, dst, count)
    } else {
        core::intrinsics::abort()
    }
}

unsafe fn copy_from<const S: usize>(src: #[mem_idx(S)] *const u8, dst: FarPtr, count: usize) {
    if dst.mem == 0 {
        core::ptr::copy(src, dst.addr as *mut u8, count)
    } else if dst.mem == 1 {
        core::ptr::copy(src, dst.addr as #[mem_idx(1)] *mut u8, count)
    } else if dst.mem == 2 {
        core::ptr::copy(src, dst.addr as #[mem_idx(2)] *mut u8, count)
    } else {
        core::intrinsics::abort()
    }
}

/// Atomically adds `v` to the `u32` at `p`, in `p`'s memory; the value before.
pub unsafe fn atomic_add_u32(p: FarPtr, v: u32) -> u32 {
    if p.mem == 0 {
        atomic_xadd_seqcst(p.addr as *mut u32, v)
    } else if p.mem == 1 {
        atomic_xadd_seqcst(p.addr as #[mem_idx(1)] *mut u32, v)
    } else if p.mem == 2 {
        atomic_xadd_seqcst(p.addr as #[mem_idx(2)] *mut u32, v)
    } else {
        core::intrinsics::abort()
    }
}

/// Atomically reads the `u32` at `p`, in `p`'s memory.
pub unsafe fn atomic_load_u32(p: FarPtr) -> u32 {
    if p.mem == 0 {
        atomic_load_seqcst(p.addr as *const u32)
    } else if p.mem == 1 {
        atomic_load_seqcst(p.addr as #[mem_idx(1)] *const u32)
    } else if p.mem == 2 {
        atomic_load_seqcst(p.addr as #[mem_idx(2)] *const u32)
    } else {
        core::intrinsics::abort()
    }
}

/// Atomically stores `v` into the `u32` at `p`, in `p`'s memory.
pub unsafe fn atomic_store_u32(p: FarPtr, v: u32) {
    if p.mem == 0 {
        atomic_store_seqcst(p.addr as *mut u32, v)
    } else if p.mem == 1 {
        atomic_store_seqcst(p.addr as #[mem_idx(1)] *mut u32, v)
    } else if p.mem == 2 {
        atomic_store_seqcst(p.addr as #[mem_idx(2)] *mut u32, v)
    } else {
        core::intrinsics::abort()
    }
}
