// Data placed in memory 1 by a far static, summed through a const-generic
// function instantiated for memories 0 and 1.
// CALL: sum_memory1() -> 36
// CALL: sum_memory0() -> 360
// CALL: both() -> 396
// CALL: struct_in_far() -> 1206
#![memory(1, min = 1)]

#[mem_idx(1)]
static FAR: [u32; 8] = [1, 2, 3, 4, 5, 6, 7, 8];

static NEAR: [u32; 8] = [10, 20, 30, 40, 50, 60, 70, 80];

#[repr(C)]
struct Record { id: u16, value: u64, tag: u8 }

#[mem_idx(1)]
static RECORDS: [Record; 2] = [
    Record { id: 1, value: 500, tag: 2 },
    Record { id: 3, value: 700, tag: 0 },
];

fn sum<const M: usize>(p: #[mem_idx(M)] *const u32, n: usize) -> u32 {
    let mut total = 0u32;
    let mut i = 0usize;
    while i < n {
        total += unsafe { *p.add(i) };
        i += 1;
    }
    total
}

#[no_mangle]
pub extern "C" fn sum_memory1() -> u32 { sum::<1>((&raw const FAR).cast::<u32>(), 8) }

#[no_mangle]
pub extern "C" fn sum_memory0() -> u32 { sum::<0>((&raw const NEAR).cast::<u32>(), 8) }

#[no_mangle]
pub extern "C" fn both() -> u32 { sum_memory0() + sum_memory1() }

#[no_mangle]
pub extern "C" fn struct_in_far() -> u64 {
    let records = &raw const RECORDS;
    let second: #[mem_idx(1)] *const Record = unsafe { (&raw const (*records)[1]) };
    unsafe {
        (*records)[0].value + (*second).value + (*second).id as u64 + (*records)[0].tag as u64
            + (*records)[0].id as u64
    }
}
