// The operators of user types borrow their operands where they are (`==` and
// `a[i]` take `&a`, `+=` takes `&mut a`), and the traits' methods take them in
// memory 0: on a value in another memory that is an M0002 of the operator,
// never a reference silently moved into memory 0. A copy in memory 0 works.
#![memory(1, min = 1)]

use core::ops::{AddAssign, Index};

#[derive(Clone, Copy, PartialEq)]
struct V {
    x: u32,
}

impl AddAssign for V {
    fn add_assign(&mut self, o: V) {
        self.x += o.x;
    }
}

struct B {
    d: [u32; 4],
}

impl Index<usize> for B {
    type Output = u32;
    fn index(&self, i: usize) -> &u32 {
        &self.d[i]
    }
}

fn operators(a: #[mem_idx(1)] &mut V, c: V, b: #[mem_idx(1)] &B, n: #[mem_idx(1)] &mut u32) -> bool {
    let copy = *a;
    let same = copy == c;
    *a += c; //~ ERROR M0002 the operand of `+=` is in memory 1, but `core::ops::AddAssign::add_assign` takes it in memory 0
    //~| LABEL this place is in memory 1
    //~| NOTE the operator borrows its operand where it is, as `#[mem_idx(1)] &mut V`
    //~| HELP copy the value into memory 0 first
    *n += 1; // a primitive: no borrow, the far place is updated in memory 1
    let mut local = *a;
    local += c;
    *a = local;
    let indexed = b[1] == 0; //~ ERROR M0002 the operand of `[]` is in memory 1, but `core::ops::Index::index` takes it in memory 0
    same || *a == c || indexed //~ ERROR M0002 the operand of `==` is in memory 1, but `core::cmp::PartialEq::eq` takes it in memory 0
}

fn main() {}
