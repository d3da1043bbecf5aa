// A const whose type is unknown has no value: consts built on it report
// nothing more (found by the front-end fuzzer: `const MIN: Self` crashed the
// evaluation of `MIN / -1`).
const MIN: Self = -2147483647 - 1; //~ ERROR E0411 cannot find type `Self` in this scope
const DIV: i32 = MIN / -1;
const NOPE: Nope = 1; //~ ERROR E0412 cannot find type `Nope` in this scope
const NEG: i32 = -NOPE;
const CAST: u8 = NOPE as u8;
const SAME: bool = NOPE == 1;

fn main() {}
