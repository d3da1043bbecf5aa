// `<<`, `>>`, `<<=` and `>>=` on user types through core::ops::{Shl, Shr, ShlAssign,
// ShrAssign} (each with its own Rhs type), and in generic code bounded by them,
// where the primitives shift by any integer type (errors: tests/ui/e0368_shift_traits.rs).
// CALL: shifts() -> 40
use core::ops::{Shl, ShlAssign, Shr, ShrAssign};
#[derive(Clone, Copy)]
struct Bits(u32);
impl ShlAssign<u32> for Bits { fn shl_assign(&mut self, n: u32) { self.0 <<= n; } }
impl ShrAssign<u8> for Bits { fn shr_assign(&mut self, n: u8) { self.0 >>= n; } }
impl Shl<u32> for Bits { type Output = Bits; fn shl(self, n: u32) -> Bits { Bits(self.0 << n) } }
impl Shr for Bits { type Output = Bits; fn shr(self, n: Bits) -> Bits { Bits(self.0 >> n.0) } }
fn generic<T: Shl<u8, Output = T> + ShrAssign<u32> + Copy>(x: T) -> T { let mut y = x << 3u8; y >>= 1u32; y }
#[no_mangle]
pub extern "C" fn shifts() -> u32 {
    let mut b = Bits(1);
    b <<= 4;
    b >>= 1u8;
    let c = b << 2;
    let d = c >> Bits(1);
    d.0 + generic(5u64) as u32 + generic(1i8) as u32
}
