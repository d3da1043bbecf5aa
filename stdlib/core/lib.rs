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
    /// Accesses the optimizer keeps, each exactly once and in order (also methods of raw pointers).
    pub unsafe fn read_volatile<T>(src: *const T) -> T;
    pub unsafe fn write_volatile<T>(dst: *mut T, src: T);

    // The functions below are farc code, generic over the memories of their
    // pointers (inferred), as Rust's are over nothing: a far pointer reads
    // and writes its own memory, and whatever comes back keeps its memory.

    /// The value at `src` (a bitwise copy; farc does not track moves).
    pub unsafe fn read<T, const M: usize>(src: #[mem_idx(M)] *const T) -> T {
        *src
    }

    /// Stores `value` at `dst` (without reading what was there).
    pub unsafe fn write<T, const M: usize>(dst: #[mem_idx(M)] *mut T, value: T) {
        *dst = value;
    }

    /// Stores `value` at `dst` and returns the value that was there.
    pub unsafe fn replace<T, const M: usize>(dst: #[mem_idx(M)] *mut T, value: T) -> T {
        let old = *dst;
        *dst = value;
        old
    }

    /// Exchanges the values at `a` (in memory `A`) and `b` (in memory `B`);
    /// the same place twice changes nothing.
    pub unsafe fn swap<T, const A: usize, const B: usize>(a: #[mem_idx(A)] *mut T, b: #[mem_idx(B)] *mut T) {
        let x = *a;
        *a = *b;
        *b = x;
    }

    /// Exchanges `count` elements from `a` with those from `b` (regions that do not overlap).
    pub unsafe fn swap_nonoverlapping<T, const A: usize, const B: usize>(a: #[mem_idx(A)] *mut T, b: #[mem_idx(B)] *mut T, count: usize) {
        let mut i = 0usize;
        while i < count {
            swap(a.add(i), b.add(i));
            i += 1;
        }
    }

    /// Whether two pointers hold the same address; they must be in one
    /// memory (addresses in different memories are unrelated: M0004).
    pub fn eq<T, const M: usize>(a: #[mem_idx(M)] *const T, b: #[mem_idx(M)] *const T) -> bool {
        a == b
    }
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

    /// Exchanges the values behind two references, in any memories.
    pub fn swap<T, const A: usize, const B: usize>(x: #[mem_idx(A)] &mut T, y: #[mem_idx(B)] &mut T) {
        let t = *x;
        *x = *y;
        *y = t;
    }

    /// Stores `src` behind `dest` (in any memory) and returns the value that was there.
    pub fn replace<T, const M: usize>(dest: #[mem_idx(M)] &mut T, src: T) -> T {
        let old = *dest;
        *dest = src;
        old
    }
}

/// Traps (`core::intrinsics`).
pub mod intrinsics {
    pub fn abort() -> !;
    pub unsafe fn unreachable() -> !;
    /// Atomic accesses on integers of 1, 2, 4 or 8 bytes, in the memory of the pointer.
    /// WebAssembly's atomics are sequentially consistent: every ordering is `seqcst`.
    pub unsafe fn atomic_load_seqcst<T>(src: *const T) -> T;
    pub unsafe fn atomic_store_seqcst<T>(dst: *mut T, val: T);
    /// Read-modify-writes: the value before the operation.
    pub unsafe fn atomic_xadd_seqcst<T>(dst: *mut T, src: T) -> T;
    pub unsafe fn atomic_xsub_seqcst<T>(dst: *mut T, src: T) -> T;
    pub unsafe fn atomic_and_seqcst<T>(dst: *mut T, src: T) -> T;
    pub unsafe fn atomic_or_seqcst<T>(dst: *mut T, src: T) -> T;
    pub unsafe fn atomic_xor_seqcst<T>(dst: *mut T, src: T) -> T;
    pub unsafe fn atomic_xchg_seqcst<T>(dst: *mut T, src: T) -> T;
    pub unsafe fn atomic_nand_seqcst<T>(dst: *mut T, src: T) -> T;
    /// Signed (`max`, `min`) and unsigned (`umax`, `umin`) comparisons.
    pub unsafe fn atomic_max_seqcst<T>(dst: *mut T, src: T) -> T;
    pub unsafe fn atomic_min_seqcst<T>(dst: *mut T, src: T) -> T;
    pub unsafe fn atomic_umax_seqcst<T>(dst: *mut T, src: T) -> T;
    pub unsafe fn atomic_umin_seqcst<T>(dst: *mut T, src: T) -> T;
    /// `(the value found, whether it was `old` and `src` was stored)`.
    pub unsafe fn atomic_cxchg_seqcst_seqcst<T>(dst: *mut T, old: T, src: T) -> (T, bool);
    pub unsafe fn atomic_cxchgweak_seqcst_seqcst<T>(dst: *mut T, old: T, src: T) -> (T, bool);
}

/// WebAssembly's memory instructions (`core::arch::wasm32`), for any memory.
pub mod arch {
    pub mod wasm32 {
        pub fn memory_size<const MEM: usize>() -> usize;
        pub fn memory_grow<const MEM: usize>(delta: usize) -> usize;
        /// Waits while `*ptr == expression` (a shared memory only): 0 woken, 1 not equal,
        /// 2 timed out (`timeout_ns` < 0: no timeout).
        pub unsafe fn memory_atomic_wait32(ptr: *mut i32, expression: i32, timeout_ns: i64) -> i32;
        pub unsafe fn memory_atomic_wait64(ptr: *mut i64, expression: i64, timeout_ns: i64) -> i32;
        /// Wakes up to `waiters` threads waiting on `ptr`; how many woke.
        pub unsafe fn memory_atomic_notify(ptr: *mut i32, waiters: u32) -> u32;
        /// Passive data segments (`#[passive] static SEGMENT: [T; N]`): `memory_init(dst, SEGMENT,
        /// offset, count)` copies elements into dst's memory, `data_drop(SEGMENT)` frees them; the
        /// segment operand is checked by the compiler (reference 10.11), not by this signature.
        pub unsafe fn memory_init<T, const N: usize>(dst: *mut T, segment: [T; N], offset: usize, count: usize);
        pub fn data_drop<T, const N: usize>(segment: [T; N]);
        /// SIMD (`v128`): loads and stores through a pointer into any memory (unaligned allowed).
        pub unsafe fn v128_load(m: *const v128) -> v128;
        pub unsafe fn v128_store(m: *mut v128, a: v128);
        pub unsafe fn v128_load8_lane<const L: usize>(v: v128, m: *const u8) -> v128;
        pub unsafe fn v128_load16_lane<const L: usize>(v: v128, m: *const u16) -> v128;
        pub unsafe fn v128_load32_lane<const L: usize>(v: v128, m: *const u32) -> v128;
        pub unsafe fn v128_load64_lane<const L: usize>(v: v128, m: *const u64) -> v128;
        pub unsafe fn v128_load8_splat(m: *const u8) -> v128;
        pub unsafe fn v128_load16_splat(m: *const u16) -> v128;
        pub unsafe fn v128_load32_splat(m: *const u32) -> v128;
        pub unsafe fn v128_load64_splat(m: *const u64) -> v128;
        pub unsafe fn v128_load32_zero(m: *const u32) -> v128;
        pub unsafe fn v128_load64_zero(m: *const u64) -> v128;
        /// Half a vector, each lane extended to twice its width (by the loaded type's sign).
        pub unsafe fn i16x8_load_extend_i8x8(m: *const i8) -> v128;
        pub unsafe fn i16x8_load_extend_u8x8(m: *const u8) -> v128;
        pub unsafe fn u16x8_load_extend_u8x8(m: *const u8) -> v128;
        pub unsafe fn i32x4_load_extend_i16x4(m: *const i16) -> v128;
        pub unsafe fn i32x4_load_extend_u16x4(m: *const u16) -> v128;
        pub unsafe fn u32x4_load_extend_u16x4(m: *const u16) -> v128;
        pub unsafe fn i64x2_load_extend_i32x2(m: *const i32) -> v128;
        pub unsafe fn i64x2_load_extend_u32x2(m: *const u32) -> v128;
        pub unsafe fn u64x2_load_extend_u32x2(m: *const u32) -> v128;
        /// Lanes: splat, extract, lane-wise arithmetic, bitwise operations.
        pub fn i8x16_splat(a: i8) -> v128;
        pub fn i8x16_extract_lane<const N: usize>(a: v128) -> i8;
        pub fn i8x16_add(a: v128, b: v128) -> v128;
        pub fn i8x16_sub(a: v128, b: v128) -> v128;
        pub fn i16x8_splat(a: i16) -> v128;
        pub fn i16x8_extract_lane<const N: usize>(a: v128) -> i16;
        pub fn i16x8_add(a: v128, b: v128) -> v128;
        pub fn i16x8_sub(a: v128, b: v128) -> v128;
        pub fn i16x8_mul(a: v128, b: v128) -> v128;
        pub fn i32x4_splat(a: i32) -> v128;
        pub fn i32x4_extract_lane<const N: usize>(a: v128) -> i32;
        pub fn i32x4_add(a: v128, b: v128) -> v128;
        pub fn i32x4_sub(a: v128, b: v128) -> v128;
        pub fn i32x4_mul(a: v128, b: v128) -> v128;
        pub fn i64x2_splat(a: i64) -> v128;
        pub fn i64x2_extract_lane<const N: usize>(a: v128) -> i64;
        pub fn i64x2_add(a: v128, b: v128) -> v128;
        pub fn i64x2_sub(a: v128, b: v128) -> v128;
        pub fn i64x2_mul(a: v128, b: v128) -> v128;
        pub fn u8x16_splat(a: u8) -> v128;
        pub fn u8x16_extract_lane<const N: usize>(a: v128) -> u8;
        pub fn u8x16_add(a: v128, b: v128) -> v128;
        pub fn u8x16_sub(a: v128, b: v128) -> v128;
        pub fn u16x8_splat(a: u16) -> v128;
        pub fn u16x8_extract_lane<const N: usize>(a: v128) -> u16;
        pub fn u16x8_add(a: v128, b: v128) -> v128;
        pub fn u16x8_sub(a: v128, b: v128) -> v128;
        pub fn u16x8_mul(a: v128, b: v128) -> v128;
        pub fn u32x4_splat(a: u32) -> v128;
        pub fn u32x4_extract_lane<const N: usize>(a: v128) -> u32;
        pub fn u32x4_add(a: v128, b: v128) -> v128;
        pub fn u32x4_sub(a: v128, b: v128) -> v128;
        pub fn u32x4_mul(a: v128, b: v128) -> v128;
        pub fn u64x2_splat(a: u64) -> v128;
        pub fn u64x2_extract_lane<const N: usize>(a: v128) -> u64;
        pub fn u64x2_add(a: v128, b: v128) -> v128;
        pub fn u64x2_sub(a: v128, b: v128) -> v128;
        pub fn u64x2_mul(a: v128, b: v128) -> v128;
        pub fn v128_and(a: v128, b: v128) -> v128;
        pub fn v128_or(a: v128, b: v128) -> v128;
        pub fn v128_xor(a: v128, b: v128) -> v128;
    }
}

/// Far-memory helpers (`core::far`, a farc extension, in far.rs): copy,
/// compare, fill and swap between any two memories, and `Arena<M>`.
pub mod far;

/// Marker traits (`core::marker`).
pub mod marker {
    /// Types whose values may be duplicated by copying their bytes. farc copies
    /// every value that way; the trait says so in bounds (`T: Copy`), and a
    /// struct is `Copy` when it says so (`#[derive(Clone, Copy)]`) and all its
    /// fields are. The primitives, raw pointers, shared references and arrays
    /// of `Copy` elements are `Copy` without an impl here.
    pub trait Copy: crate::clone::Clone {}

    /// Types whose values live in memory `M` (design 3). Every type has it for
    /// one memory, without an impl: a `#[mem_idx(N)]` struct (and an array of
    /// it) for N, every other type for memory 0. As a bound it tells generic
    /// code where its `T` lives: with `T: InMemory<M>`, `*const T` and `&T`
    /// point into memory `M`.
    pub trait InMemory<const M: usize> {}
}

/// Explicit duplication (`core::clone`).
pub mod clone {
    pub trait Clone {
        fn clone(&self) -> Self;
    }

    /// An array clones element by element (the primitives and other `Copy`
    /// types clone by copying, without an impl here).
    impl<T: Clone, const N: usize> Clone for [T; N] {
        fn clone(&self) -> [T; N] {
            let mut out = *self;
            let mut i = 0;
            while i < N {
                out[i] = self[i].clone();
                i += 1;
            }
            out
        }
    }
}

/// Comparison traits (`core::cmp`): `==` and `!=` on a type that is not a
/// primitive call `PartialEq::eq` and `ne`; `<`, `<=`, `>`, `>=` call
/// `PartialOrd::lt`, `le`, `gt`, `ge`. The primitives implement `PartialOrd`
/// (and the integers and `bool` `Ord`) without an impl here.
pub mod cmp {
    use crate::option::Option::{self, None, Some};

    pub trait PartialEq<Rhs = Self> {
        fn eq(&self, other: &Rhs) -> bool;
        fn ne(&self, other: &Rhs) -> bool {
            !self.eq(other)
        }
    }
    /// `==` is an equivalence (a promise the compiler takes on trust).
    pub trait Eq: PartialEq<Self> {}

    /// The result of a comparison.
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub enum Ordering {
        Less = -1,
        Equal = 0,
        Greater = 1,
    }
    impl Ordering {
        pub fn is_eq(self) -> bool {
            (self as i8) == 0
        }
        pub fn is_ne(self) -> bool {
            (self as i8) != 0
        }
        pub fn is_lt(self) -> bool {
            (self as i8) < 0
        }
        pub fn is_gt(self) -> bool {
            (self as i8) > 0
        }
        pub fn is_le(self) -> bool {
            (self as i8) <= 0
        }
        pub fn is_ge(self) -> bool {
            (self as i8) >= 0
        }
        /// `Less` for `Greater` and the other way round.
        pub fn reverse(self) -> Ordering {
            match self {
                Ordering::Less => Ordering::Greater,
                Ordering::Equal => Ordering::Equal,
                Ordering::Greater => Ordering::Less,
            }
        }
        /// `self`, or `other` when `self` is `Equal` (comparing by a second key).
        pub fn then(self, other: Ordering) -> Ordering {
            match self {
                Ordering::Equal => other,
                _ => self,
            }
        }
    }
    /// Orderings order as `Less < Equal < Greater`.
    impl PartialOrd for Ordering {
        fn partial_cmp(&self, other: &Ordering) -> Option<Ordering> {
            Some(Ord::cmp(self, other))
        }
    }
    impl Ord for Ordering {
        fn cmp(&self, other: &Ordering) -> Ordering {
            (*self as i8).cmp(&(*other as i8))
        }
    }

    /// `<`, `<=`, `>`, `>=`: `partial_cmp` is required, the operators' methods
    /// follow from it (`None`: the values are unordered, every operator is false).
    pub trait PartialOrd<Rhs = Self>: PartialEq<Rhs> {
        fn partial_cmp(&self, other: &Rhs) -> Option<Ordering>;
        fn lt(&self, other: &Rhs) -> bool {
            match self.partial_cmp(other) {
                Some(Ordering::Less) => true,
                _ => false,
            }
        }
        fn le(&self, other: &Rhs) -> bool {
            match self.partial_cmp(other) {
                Some(Ordering::Less) | Some(Ordering::Equal) => true,
                _ => false,
            }
        }
        fn gt(&self, other: &Rhs) -> bool {
            match self.partial_cmp(other) {
                Some(Ordering::Greater) => true,
                _ => false,
            }
        }
        fn ge(&self, other: &Rhs) -> bool {
            match self.partial_cmp(other) {
                Some(Ordering::Greater) | Some(Ordering::Equal) => true,
                _ => false,
            }
        }
    }
    /// A total order.
    pub trait Ord: Eq + PartialOrd<Self> {
        fn cmp(&self, other: &Self) -> Ordering;
        /// The larger of the two (`other` when they are equal, as in Rust).
        fn max(self, other: Self) -> Self {
            match self.cmp(&other) {
                Ordering::Greater => self,
                _ => other,
            }
        }
        /// The smaller of the two (`self` when they are equal, as in Rust).
        fn min(self, other: Self) -> Self {
            match self.cmp(&other) {
                Ordering::Greater => other,
                _ => self,
            }
        }
        /// `self` limited to `min..=max` (traps when `min > max`, where Rust panics).
        fn clamp(self, min: Self, max: Self) -> Self {
            if min > max {
                crate::intrinsics::abort();
            }
            if self < min {
                min
            } else if self > max {
                max
            } else {
                self
            }
        }
    }

    /// The larger of two values (`b` when they are equal).
    pub fn max<T: Ord>(a: T, b: T) -> T {
        a.max(b)
    }
    /// The smaller of two values (`a` when they are equal).
    pub fn min<T: Ord>(a: T, b: T) -> T {
        a.min(b)
    }

    /// `partial_cmp` and `cmp` of the primitives' built-in impls (monomorphization
    /// calls these for them: `T` is a primitive, whose operators are built in).
    pub fn primitive_partial_cmp<T: PartialOrd>(a: &T, b: &T) -> Option<Ordering> {
        if *a < *b {
            Some(Ordering::Less)
        } else if *a > *b {
            Some(Ordering::Greater)
        } else if *a == *b {
            Some(Ordering::Equal)
        } else {
            None // a NaN
        }
    }
    pub fn primitive_cmp<T: Ord>(a: &T, b: &T) -> Ordering {
        if *a < *b {
            Ordering::Less
        } else if *a == *b {
            Ordering::Equal
        } else {
            Ordering::Greater
        }
    }

    /// Arrays are equal when their elements are, pairwise.
    impl<T: PartialEq, const N: usize> PartialEq for [T; N] {
        fn eq(&self, other: &[T; N]) -> bool {
            let mut i = 0;
            while i < N {
                if self[i] != other[i] {
                    return false;
                }
                i += 1;
            }
            true
        }
    }
    impl<T: Eq, const N: usize> Eq for [T; N] {}
    /// Arrays order lexicographically: by their first elements that differ.
    impl<T: PartialOrd, const N: usize> PartialOrd for [T; N] {
        fn partial_cmp(&self, other: &[T; N]) -> Option<Ordering> {
            let mut i = 0;
            while i < N {
                match self[i].partial_cmp(&other[i]) {
                    Some(Ordering::Equal) => {}
                    found => return found,
                }
                i += 1;
            }
            Some(Ordering::Equal)
        }
    }
    impl<T: Ord, const N: usize> Ord for [T; N] {
        fn cmp(&self, other: &[T; N]) -> Ordering {
            let mut i = 0;
            while i < N {
                match self[i].cmp(&other[i]) {
                    Ordering::Equal => {}
                    found => return found,
                }
                i += 1;
            }
            Ordering::Equal
        }
    }
}

/// The operator traits (`core::ops`): `a + b` on a type that is not a
/// primitive is `Add::add(a, b)`, `-a` is `Neg::neg(a)`, `a[i]` is
/// `*Index::index(&a, i)`. The primitives implement the arithmetic and
/// bitwise traits without an impl here (for `T: Add<Output = T>` bounds).
pub mod ops {
    pub trait Add<Rhs = Self> {
        type Output;
        fn add(self, rhs: Rhs) -> Self::Output;
    }
    pub trait Sub<Rhs = Self> {
        type Output;
        fn sub(self, rhs: Rhs) -> Self::Output;
    }
    pub trait Mul<Rhs = Self> {
        type Output;
        fn mul(self, rhs: Rhs) -> Self::Output;
    }
    pub trait Div<Rhs = Self> {
        type Output;
        fn div(self, rhs: Rhs) -> Self::Output;
    }
    pub trait Rem<Rhs = Self> {
        type Output;
        fn rem(self, rhs: Rhs) -> Self::Output;
    }
    pub trait BitAnd<Rhs = Self> {
        type Output;
        fn bitand(self, rhs: Rhs) -> Self::Output;
    }
    pub trait BitOr<Rhs = Self> {
        type Output;
        fn bitor(self, rhs: Rhs) -> Self::Output;
    }
    pub trait BitXor<Rhs = Self> {
        type Output;
        fn bitxor(self, rhs: Rhs) -> Self::Output;
    }
    /// `a << b`, `a >> b`: the primitives shift by any integer type
    pub trait Shl<Rhs = Self> {
        type Output;
        fn shl(self, rhs: Rhs) -> Self::Output;
    }
    pub trait Shr<Rhs = Self> {
        type Output;
        fn shr(self, rhs: Rhs) -> Self::Output;
    }
    pub trait Neg {
        type Output;
        fn neg(self) -> Self::Output;
    }
    pub trait Not {
        type Output;
        fn not(self) -> Self::Output;
    }
    pub trait Index<Idx> {
        type Output;
        fn index(&self, index: Idx) -> &Self::Output;
    }
    /// `a += b` on a type that is not a primitive is `AddAssign::add_assign(&mut a, b)`
    /// (and so on); the primitives implement them where they implement `Add`, ...
    pub trait AddAssign<Rhs = Self> {
        fn add_assign(&mut self, rhs: Rhs);
    }
    pub trait SubAssign<Rhs = Self> {
        fn sub_assign(&mut self, rhs: Rhs);
    }
    pub trait MulAssign<Rhs = Self> {
        fn mul_assign(&mut self, rhs: Rhs);
    }
    pub trait DivAssign<Rhs = Self> {
        fn div_assign(&mut self, rhs: Rhs);
    }
    pub trait RemAssign<Rhs = Self> {
        fn rem_assign(&mut self, rhs: Rhs);
    }
    pub trait BitAndAssign<Rhs = Self> {
        fn bitand_assign(&mut self, rhs: Rhs);
    }
    pub trait BitOrAssign<Rhs = Self> {
        fn bitor_assign(&mut self, rhs: Rhs);
    }
    pub trait BitXorAssign<Rhs = Self> {
        fn bitxor_assign(&mut self, rhs: Rhs);
    }
    pub trait ShlAssign<Rhs = Self> {
        fn shl_assign(&mut self, rhs: Rhs);
    }
    pub trait ShrAssign<Rhs = Self> {
        fn shr_assign(&mut self, rhs: Rhs);
    }
}

/// The integer types' methods (`core::num`, in num.rs, written by scripts/gen_core_num.py).
pub mod num;

/// Optional values (`core::option`, in option.rs): `Option<T>` and its methods.
pub mod option;

/// Results (`core::result`, in result.rs): `Result<T, E>` and its methods.
pub mod result;

/// What every module can name without a `use` (Rust's prelude).
pub mod prelude {
    pub use crate::option::Option::{self, None, Some};
    pub use crate::result::Result::{self, Err, Ok};
    pub use crate::clone::Clone;
    pub use crate::cmp::{Eq, Ord, PartialEq, PartialOrd};
    pub use crate::marker::Copy;
}

/// `core::sync::atomic` (stdlib/core/sync.rs, generated by scripts/gen_atomics.py).
pub mod sync;
