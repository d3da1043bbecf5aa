// core's Option and Result keep memories in their types: the references
// `as_ref`, `as_mut`, `insert` and `get_or_insert` give into an option held
// in memory 1 are #[mem_idx(1)], a far pointer in a payload stays far through
// `unwrap`, `copied`, `zip`, `ok_or`, `flatten` and `transpose`, and an option
// of pointers into one memory is not an option of pointers into another.
// Each marked line would move a pointer into the wrong memory.
#![memory(1, min = 1)]
#![memory(2, min = 1)]

#[mem_idx(1)]
static mut FAR: Option<u32> = Some(3);

unsafe fn references_stay_far() {
    let _ok: Option<#[mem_idx(1)] &u32> = FAR.as_ref();
    let _near: Option<&u32> = FAR.as_ref(); //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 1
    let _mut: Option<&mut u32> = FAR.as_mut(); //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 1
    let _inserted: &mut u32 = FAR.insert(4); //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 1
    let _got: #[mem_idx(2)] &mut u32 = FAR.get_or_insert(5); //~ ERROR M0001 mismatched memories: expected a pointer into memory 2, found a pointer into memory 1
}

fn payloads_stay_far(p: Option<#[mem_idx(1)] *const u32>, q: Option<#[mem_idx(2)] *const u32>) {
    let _ok: #[mem_idx(1)] *const u32 = p.unwrap();
    let _near: *const u32 = p.unwrap(); //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 1
    let _zip: Option<(*const u32, #[mem_idx(2)] *const u32)> = p.zip(q); //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 1
    let _ok_or: Result<#[mem_idx(2)] *const u32, u8> = p.ok_or(0u8); //~ ERROR M0001 mismatched memories: expected a pointer into memory 2, found a pointer into memory 1
    let _flat: Option<#[mem_idx(2)] *const u32> = Some(p).flatten(); //~ ERROR M0001 mismatched memories: expected a pointer into memory 2, found a pointer into memory 1
    let _or: Option<#[mem_idx(1)] *const u32> = p.or(q); //~ ERROR M0002 argument points into memory 2, but the parameter points into memory 1
}

fn results_stay_far(r: Result<#[mem_idx(2)] *const u32, #[mem_idx(1)] *const u8>) {
    let ok = r.ok();
    let _near: *const u32 = ok.unwrap(); //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 2
    let _err: Option<#[mem_idx(2)] *const u8> = r.err(); //~ ERROR M0001 mismatched memories: expected a pointer into memory 2, found a pointer into memory 1
    let _t: Option<Result<#[mem_idx(1)] *const u32, u8>> = Ok::<Option<#[mem_idx(2)] *const u32>, u8>(None).transpose(); //~ ERROR M0001 mismatched memories: expected a pointer into memory 1, found a pointer into memory 2
}

fn main() {}
