// `Option`- and `Result`-shaped generic enums whose payloads are far pointers
// and far references: the memory is part of the payload's type through every
// construct, pattern and generic function. No binding (by value, `ref`,
// `ref mut`, `@`, `&`, the default binding modes), no or-pattern, no arm of
// a `match` and no instantiation moves a pointer into another memory.
#![memory(1, min = 1)]
#![memory(2, min = 1)]

enum Option<T> { None, Some(T) }
enum Result<T, E> { Ok(T), Err(E) }
use Option::{None, Some};
use Result::{Err, Ok};

fn unwrap_or<T>(o: Option<T>, d: T) -> T { match o { Some(v) => v, None => d } }
fn wrap<const M: usize>(p: #[mem_idx(M)] *const u8) -> Option<#[mem_idx(M)] *const u8> { Some(p) }
fn get<const M: usize>(r: #[mem_idx(M)] &u32) -> Option<#[mem_idx(M)] &u32> { Some(r) }
fn inner(r: #[mem_idx(1)] &Option<u32>) -> #[mem_idx(1)] &u32 { loop {} }

fn arms(o: Option<#[mem_idx(1)] *const u8>, q: #[mem_idx(2)] *const u8) -> #[mem_idx(1)] *const u8 {
    let a = match o { Some(p) => p, None => q }; //~ ERROR M0001 mismatched memories: expected a pointer into memory 1, found a pointer into memory 2
    let b = match o { None => q, Some(p) => p }; //~ ERROR M0001 mismatched memories: expected a pointer into memory 2, found a pointer into memory 1
    let c = if let Some(p) = o { p } else { q }; //~ ERROR M0001 mismatched memories: expected a pointer into memory 1, found a pointer into memory 2
    let Some(d) = o else { return q; }; //~ ERROR M0003 returned pointer points into memory 2, but the return type points into memory 1
    d
}

fn alternatives(t: Result<#[mem_idx(1)] *const u8, #[mem_idx(2)] *const u8>, r: &Result<*const u8, #[mem_idx(1)] *const u8>) {
    let (Ok(p) | Err(p)) = t; //~ ERROR M0001 mismatched memories: expected a pointer into memory 1, found a pointer into memory 2
    //~| LABEL `p` is `#[mem_idx(1)] *const u8` in the first alternative, `#[mem_idx(2)] *const u8` here
    if let Ok(q) | Err(q) = r {} //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 1 (behind 1 level of pointer)
    match (Some(1u8), t) {
        (Some(_), Ok(x)) | (None, Ok(x)) => {}
        (_, Err(y)) | (_, Ok(y)) => {} //~ ERROR M0001 mismatched memories: expected a pointer into memory 2, found a pointer into memory 1
    }
}

fn generic(p1: #[mem_idx(1)] *const u8, p2: #[mem_idx(2)] *const u8) {
    let a = unwrap_or(wrap(p1), p2); //~ ERROR M0002 argument points into memory 2, but the parameter points into memory 1
    let b: Option<#[mem_idx(2)] *const u8> = wrap::<1>(p1); //~ ERROR M0001 mismatched memories: expected a pointer into memory 2, found a pointer into memory 1
    let c: Option<Option<*const u8>> = Some(wrap(p1)); //~ ERROR M0008 this instantiation makes memory 0 meet memory 1
    let d: Result<u8, #[mem_idx(2)] *const u8> = Err(p1); //~ ERROR M0007 cannot store a pointer into memory 1 where a pointer into memory 2 is expected
    let e: Result<#[mem_idx(1)] *const u8, u8> = Ok(p1);
    let f: Result<*const u8, u8> = e; //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 1
}

fn bindings(r: #[mem_idx(1)] &Option<u32>, m: #[mem_idx(1)] &mut Option<u32>) {
    let s @ Some(_) = r else { return; };
    let t: &Option<u32> = s; //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 1
    let Some(v) = r else { return; };
    let w: &u32 = v; //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 1
    let Some(ref x) = *r else { return; };
    let y: &u32 = x; //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 1
    let Some(ref mut z) = *r else { return; }; //~ ERROR E0596 cannot borrow data behind a `&` pointer as mutable
    match m {
        Some(n) => {
            let near: &mut u32 = n; //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 1
        }
        None => {}
    }
    let near: Option<&u32> = get(inner(r)); //~ ERROR M0008 this instantiation makes memory 0 meet memory 1
}

fn references(r: #[mem_idx(1)] &#[mem_idx(2)] *const u8, o: &Option<#[mem_idx(2)] *const u8>) {
    let &p = r;
    let a: #[mem_idx(1)] *const u8 = p; //~ ERROR M0001 mismatched memories: expected a pointer into memory 1, found a pointer into memory 2
    let &Some(q) = o else { return; };
    let b: *const u8 = q; //~ ERROR M0001 mismatched memories: expected a pointer into memory 0, found a pointer into memory 2
    let Some(&c) = Some(r) else { return; };
    let d: #[mem_idx(1)] *const u8 = c; //~ ERROR M0001 mismatched memories: expected a pointer into memory 1, found a pointer into memory 2
}

fn casts(p: *const Option<#[mem_idx(1)] *const u8>, q: *const Result<u8, #[mem_idx(2)] *const u8>) {
    let a = p as *const Option<*const u8>; //~ ERROR M0006 this cast would read a pointer into memory 1 as a pointer into memory 0
    let b = q as *const Result<u8, #[mem_idx(1)] *const u8>; //~ ERROR M0006 this cast would read a pointer into memory 2 as a pointer into memory 1
    let c = p as *const Option<usize>;
}

fn main() {}
