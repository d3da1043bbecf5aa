// A path to a constant as an array length or const generic argument: a
// primitive's constant (`usize::MAX`) or a non-generic associated const is
// evaluated like any constant, so its type and size are checked (they were
// all "an associated const that depends on generic parameters"); one of a
// generic impl is refused, as its value is only known per instance.
// (`usize::MAX`: tests/ui/const_path_too_big.rs)
struct P;
impl P { const K: usize = 3; const NEG: i32 = -3; }
struct G<T>(T);
impl<T> G<T> { const K: usize = 3; }
struct S<const N: usize>;

static FITS: [u8; P::K] = [0; 3];
static PRIMITIVE: [u8; usize::BITS as usize] = [0; 32];
fn same(s: S<P::K>) -> S<3> { s }

static NARROW: [u8; u8::MAX] = [0; 255]; //~ ERROR E0308 mismatched types
//~| LABEL expected `usize`, found `u8`
//~^^ ERROR E0308 mismatched types
static SIGNED: [u8; P::NEG] = [0; 3]; //~ ERROR E0308 mismatched types
//~| LABEL expected `usize`, found `i32`
//~^^ ERROR E0308 mismatched types
static GENERIC: [u8; G::<u8>::K] = [0; 3]; //~ ERROR E0601 an associated const that depends on generic parameters
//~| NOTE its value is only known per instance
//~^^ ERROR E0308 mismatched types
