#![memory(1, min = 1)]

// A memory index (or array length, const generic argument) is an integer
// constant: a `bool` or float is a type error, as in Rust; one beyond the
// parameter's type is an error, never wrapped (2^32 would become 0).

const ONE: u8 = 1;
const YES: bool = true;
const HALF: f64 = 0.5;
const MINUS: i32 = -1;
const HUGE: u64 = 4294967296;

fn by_const(p: #[mem_idx(ONE)] *const u8) {}

fn by_bool(p: #[mem_idx(YES)] *const u8) {} //~ ERROR E0308 mismatched types
//~| LABEL expected an integer constant, found `bool`
//~| NOTE a memory index, array length or const generic argument is an integer constant

fn by_float(p: #[mem_idx(HALF)] *const u8) {} //~ ERROR E0308

fn by_negative(p: #[mem_idx(MINUS)] *const u8) {} //~ ERROR M0012 `MINUS` is -1
fn by_huge(p: #[mem_idx(HUGE)] *const u8) {} //~ ERROR M0012 `HUGE` is 4294967296

fn count<const N: usize>() -> usize { N }
fn narrow<const N: u32>() -> u32 { N }

fn arguments() -> usize {
    count::<ONE>()
        + count::<YES>() //~ ERROR E0308
        + count::<{ true }>() //~ ERROR E0308
        + count::<{ 1.5 }>() //~ ERROR E0308
        //~| LABEL found `{float}`
        + count::<4294967296>() //~ ERROR E0023 literal out of range for `usize`
        + count::<HUGE>() //~ ERROR M0012 `HUGE` is 4294967296, which is not a memory index or length (0 to 4294967295)
        + count::<{ HUGE }>() //~ ERROR M0012 `HUGE` is 4294967296
        + count::<4294967295>()
        + narrow::<4294967296>() as usize //~ ERROR E0023 literal out of range for `u32`
        + memory_size::<YES>() //~ ERROR E0308
}

fn lengths(a: [u8; ONE], b: [u8; YES]) {} //~ ERROR E0308
