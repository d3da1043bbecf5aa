// The distance between two pointers into one static, at every -O level (found
// by the differential generator, tests/gen: at -O0 LLVM's instruction selection
// aborted on the constant `sub (ptrtoint @G, ptrtoint (@G + 4))`; -O0 now folds
// constant instructions first, codegen/optimize.py `fold_constants`).
// CALL: distance() -> -1
// CALL: forward() -> 1
// CALL: bytes_back() -> -4
static mut G: [i32; 2] = [3i32; 2];

#[no_mangle]
pub extern "C" fn distance() -> isize {
    unsafe { (&raw mut G).cast::<i32>().offset_from((&raw mut G).cast::<i32>().add(1)) }
}

#[no_mangle]
pub extern "C" fn forward() -> isize {
    unsafe { (&raw mut G).cast::<i32>().add(1).offset_from((&raw mut G).cast::<i32>()) }
}

// the same difference spelled with integers, in bytes
#[no_mangle]
pub extern "C" fn bytes_back() -> isize {
    unsafe { ((&raw mut G).cast::<i32>() as isize) - ((&raw mut G).cast::<i32>().add(1) as isize) }
}
