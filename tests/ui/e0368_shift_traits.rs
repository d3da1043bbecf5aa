// Shift operators on user types need their core::ops trait (E0368/E0369 with
// the trait named), with the right Rhs; an operator that borrows a user type
// on a far place is M0002, as for the other compound assignments.
#![memory(1, min = 1)]
use core::ops::ShlAssign;

#[derive(Clone, Copy)]
struct Bits(u32);
impl ShlAssign<u32> for Bits {
    fn shl_assign(&mut self, n: u32) { self.0 <<= n; }
}
struct Plain(u32);

fn missing(mut p: Plain) -> u32 {
    p >>= 1; //~ ERROR E0368 binary assignment operation `>>=` cannot be applied to type `Plain`
    //~| NOTE `core::ops::ShrAssign<{integer}>`
    let q = p << 2; //~ ERROR E0369 cannot apply binary operator `<<` to type `Plain`
    //~| NOTE `core::ops::Shl<{integer}>`
    p.0
}

fn wrong_rhs(mut b: Bits) -> u32 {
    b <<= 1u64; //~ ERROR E0368 binary assignment operation `<<=` cannot be applied to type `Bits`
    //~| NOTE `core::ops::ShlAssign<u64>`
    b.0
}

fn far_place(p: #[mem_idx(1)] *mut Bits) {
    unsafe { *p <<= 1; } //~ ERROR M0002
}

#[no_mangle]
pub extern "C" fn uses(p: #[mem_idx(1)] *mut Bits) -> u32 {
    far_place(p);
    missing(Plain(1)) + wrong_rhs(Bits(1))
}
