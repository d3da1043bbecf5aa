// Type aliases: plain, generic over types and const parameters (a far pointer
// type generic over its memory keeps the memory: `Far<1>` reads memory 1), of
// function pointer, array and tuple types, in a module and imported, naming
// associated consts and functions (`Word::MAX`, `Meters::new`), in impl
// headers, and an alias of an alias.
// CALL: basics(5) -> 130
// CALL: basics(0) -> 110
// CALL: far_and_near(7) -> 70007
#![memory(1, min = 1)]

type Word = u32;
type Pair<T> = (T, T);
type Far<const M: usize> = #[mem_idx(M)] *const u32;
type FarMut<const M: usize> = #[mem_idx(M)] *mut u32;
type Grid<T, const N: usize> = [[T; N]; N];
pub type Handler = fn(Word) -> Word;
type Index = usize;
type Slot = Index;

mod units {
    pub type Count = u64;
    pub struct Meters {
        pub m: u32,
    }
    impl Meters {
        pub fn new(m: u32) -> Meters {
            Meters { m: m }
        }
    }
}
use units::Count;
type Meters = units::Meters;

struct S {
    w: Word,
    p: Pair<u8>,
}

type Holder = S;

impl Holder {
    fn total(&self) -> Word {
        self.w + self.p.0 as Word + self.p.1 as Word
    }
}

fn load<const M: usize>(p: Far<M>) -> Word {
    unsafe { *p }
}

fn store<const M: usize>(p: FarMut<M>, v: Word) {
    unsafe { *p = v; }
}

fn twice(x: Word) -> Word {
    x * 2
}

#[no_mangle]
pub extern "C" fn basics(n: Word) -> Word {
    let s = S { w: n, p: (1, 2) };
    let g: Grid<u32, 2> = [[1, 2], [3, n]];
    let h: Handler = twice;
    let c: Count = 7;
    let i: Slot = 1;
    s.total() + g[i][i] + h(n) + c as u32 + Meters::new(100).m + Word::MAX.wrapping_add(1)
}

#[mem_idx(1)]
static mut FAR_CELL: u32 = 0;
static mut NEAR_CELL: u32 = 0;

#[no_mangle]
pub extern "C" fn far_and_near(v: Word) -> Word {
    let far = unsafe { &mut FAR_CELL as FarMut<1> };
    let near = unsafe { &mut NEAR_CELL as FarMut<0> };
    store::<1>(far, v * 10000);
    store::<0>(near, v);
    load::<1>(far as Far<1>) + load::<0>(near as Far<0>)
}
