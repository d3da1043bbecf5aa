// core::far: copy, fill, compare, equal, swap and replace between memories,
// each helper instantiated for several pairs of memories (0, 1, 2).
// CALL: copy_chain() -> 1234
// CALL: copy_overlapping() -> 112
// CALL: fill_three() -> 2066
// CALL: compare_across() -> 1
// CALL: compare_unsigned() -> 1
// CALL: equal_across() -> 3
// CALL: equal_structs() -> 2
// CALL: swap_across() -> 3001
// CALL: swap_same_place() -> 7
// CALL: replace_far() -> 905
// ORACLE: skip core::far is farc's (far memories have no native meaning)
#![memory(1, min = 1)]
#![memory(2, min = 1)]

use core::far;

#[mem_idx(1)]
static mut ONE: [u32; 8] = [0; 8];

#[derive(Clone, Copy, PartialEq)]
struct Pair { a: u16, b: u32 }

fn in2<T>(addr: usize) -> #[mem_idx(2)] *mut T {
    addr as #[mem_idx(2)] *mut T
}

#[no_mangle]
pub extern "C" fn copy_chain() -> u32 {
    // memory 0 -> 1 -> 2 -> 0: each hop a different instance of far::copy
    let near = [1u32, 2, 3, 4];
    let mut back = [0u32; 4];
    unsafe {
        let one = (&raw mut ONE).cast::<u32>();
        let two = in2::<u32>(256);
        far::copy(&raw const near[0], one, 4);
        far::copy_nonoverlapping(one.cast_const(), two, 4);
        far::copy::<u32, 2, 0>(two.cast_const(), &raw mut back[0], 4);
    }
    back[0] * 1000 + back[1] * 100 + back[2] * 10 + back[3]
}

#[no_mangle]
pub extern "C" fn copy_overlapping() -> u32 {
    // within memory 2, shifting [10, 20, 30, 40] up by one element (memmove)
    let p = in2::<u32>(512);
    unsafe {
        *p = 10;
        *p.add(1) = 20;
        *p.add(2) = 30;
        *p.add(3) = 40;
        far::copy(p.cast_const(), p.add(1), 3);
        // [10, 10, 20, 30]: 10 + 10 + 20 + 30 + 42 (the fifth, untouched)
        *p.add(4) = 42;
        *p + *p.add(1) + *p.add(2) + *p.add(3) + *p.add(4)
    }
}

#[no_mangle]
pub extern "C" fn fill_three() -> u32 {
    let mut near = [0u16; 3];
    unsafe {
        far::fill(&raw mut near[0], 1000u16, 2);
        let two = in2::<u32>(1024);
        *two.add(3) = 9;
        far::fill(two, 11u32, 3);
        let bytes = in2::<u8>(2048);
        far::fill_bytes(bytes, 0x02, 4);
        // 1000 + 1000 + 0 + 11 * 3 + 9 (not filled) + (0x02020202 & 0xFF = 2) * 12
        near[0] as u32 + near[1] as u32 + near[2] as u32 + *two + *two.add(1) + *two.add(2) + *two.add(3)
            + (*bytes.cast::<u32>() & 0xFF) * 12
    }
}

#[no_mangle]
pub extern "C" fn compare_across() -> i32 {
    let near = [5u8, 6, 7, 8];
    unsafe {
        let one = (&raw mut ONE).cast::<u8>();
        far::copy(&raw const near[0], one, 4);
        let same = far::compare_bytes(&raw const near[0], one.cast_const(), 4);
        *one.add(2) = 9;
        let smaller = far::compare_bytes(&raw const near[0], one.cast_const(), 4);
        let larger = far::compare_bytes(one.cast_const(), &raw const near[0], 4);
        let prefix = far::compare_bytes(one.cast_const(), &raw const near[0], 2);
        // 0, -1, 1, 0
        if same == 0 && smaller == -1 && larger == 1 && prefix == 0 { 1 } else { 0 }
    }
}

#[no_mangle]
pub extern "C" fn compare_unsigned() -> i32 {
    // bytes compare as unsigned: 0x80 > 0x01
    let near = [0x80u8];
    let two = in2::<u8>(3000);
    unsafe {
        *two = 0x01;
        far::compare_bytes(&raw const near[0], two.cast_const(), 1)
    }
}

#[no_mangle]
pub extern "C" fn equal_across() -> u32 {
    let near = [3u32, 1, 4, 1, 5];
    let two = in2::<u32>(4096);
    unsafe {
        far::copy(&raw const near[0], two, 5);
        let all = far::equal(&raw const near[0], two.cast_const(), 5);
        let none_compared = far::equal(&raw const near[0], in2::<u32>(8192).cast_const(), 0);
        *two.add(4) = 6;
        let after = far::equal(two.cast_const(), &raw const near[0], 5);
        let four = far::equal(two.cast_const(), &raw const near[0], 4);
        // true + true + false + true
        all as u32 + none_compared as u32 + after as u32 + four as u32
    }
}

#[no_mangle]
pub extern "C" fn equal_structs() -> u32 {
    let near = [Pair { a: 1, b: 2 }, Pair { a: 3, b: 4 }];
    let two = in2::<Pair>(5000 - 5000 % 4);
    unsafe {
        far::copy(&raw const near[0], two, 2);
        let first = far::equal(&raw const near[0], two.cast_const(), 2) as u32;
        (*two.add(1)).b = 5;
        let second = far::equal(&raw const near[0], two.cast_const(), 2) as u32;
        let one = far::equal(&raw const near[0], two.cast_const(), 1) as u32;
        // 1 + 0 + 1
        first + second + one
    }
}

#[no_mangle]
pub extern "C" fn swap_across() -> u32 {
    let mut near = [10u32, 20];
    let two = in2::<u32>(6000);
    unsafe {
        *two = 1;
        *two.add(1) = 2;
        *(&raw mut ONE).cast::<u32>() = 3;
        far::swap(&raw mut near[0], two);
        far::swap_nonoverlapping(two, (&raw mut ONE).cast::<u32>(), 1);
        (*(&raw mut ONE).cast::<u32>()) = (*(&raw mut ONE).cast::<u32>()) * 100;
        // near = [1, 20], ONE[0] = 10 * 100, two[0] = 3 (ONE[0] before)
        far::swap_nonoverlapping(&raw mut near[0], two.add(1), 1);
        // near = [2, 20], two[1] = 1
        near[0] * 1000 + *(&raw mut ONE).cast::<u32>() + *two.add(1) * 10 - 10 + near[1] - 20
            + (*two == 3) as u32
    }
}

#[no_mangle]
pub extern "C" fn swap_same_place() -> u32 {
    let two = in2::<u32>(7000);
    unsafe {
        *two = 7;
        far::swap(two, two);
        *two
    }
}

#[no_mangle]
pub extern "C" fn replace_far() -> u32 {
    let two = in2::<u32>(7100);
    unsafe {
        far::write(two, 5u32);
        let old = far::replace(two, 900u32);
        far::read(two.cast_const()) + old
    }
}
