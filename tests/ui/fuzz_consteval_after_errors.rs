// Constant evaluation after a type error or an unknown name: the error is
// reported, the constant has no value, and nothing crashes (inputs found by
// the mutation fuzzer: each reached consteval.py with an ill-typed tree).
const D: usize = v + 1; //~ ERROR E0425 cannot find value `v`
unsafe fn load32(p: #[mem_idx(D)] *const u32) -> u32 { *p }

static mut INBOX: [u8; 256] = ([0; 8usize]) as usize; //~ ERROR E0605 non-primitive cast
//~^ ERROR E0308

const MIN_BYTE: i8 = -[[-(128); 4294967295]; 65536]; //~ ERROR E0600

const SUM: u32 = true + 1; //~ ERROR E0369
//~^ ERROR E0308
const USES: u32 = SUM * 2;

// a constant whose declared type is unknown has no value: constants and
// statics computed from it are not evaluated (an error type reached the
// integer arithmetic of consteval.py), and say nothing more
const MIN: *const Frames = -2147483647 - 1; //~ ERROR E0412 cannot find type `Frames` in this scope
const MIN_DIV: i32 = MIN / 1;
const MIN_NEG: i32 = -MIN;
static MIN_REM: i32 = MIN % 2;
static mut SHIFTED: Missing = (MIN as u32) << 3; //~ ERROR E0412 cannot find type `Missing`
const FROM_NEG: u8 = MIN_NEG as u8 + 1;

#[no_mangle]
pub extern "C" fn g() -> i32 { MIN_DIV + MIN_NEG + MIN_REM + FROM_NEG as i32 }

#[no_mangle]
pub extern "C" fn f(p: #[mem_idx(D)] *const u32) -> u32 { unsafe { load32(p) + USES + MIN_BYTE as u32 } }
