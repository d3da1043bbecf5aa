// Expressions and statements that parse but are not checked yet: one E0601
// each, naming the construct (docs/reference.md section 15); names they bind
// do not cause errors of their own.
#![memory(1, min = 1)]

struct S { x: u32, y: u32 }
struct P(u32, u32);

fn body(s: S, o: u32, n: u32) -> u32 {
    let (a, b) = (1, 2);
    let (d, e); //~ ERROR E0601 patterns other than a plain name in `let` and parameters
    let c = a + b;
    let r = 0..n; //~ ERROR E0601 range values outside `for` loops and indexing (`let r = a..b;`) are not supported yet
    let f = move |z: u32| z + c;
    let g = f(1);
    let u = S { x: 1, ..s };
    let p = P(1, 2);
    let q = h()?; //~ ERROR E0601 uses of the `?` operator are not supported yet
    assert!(a == b); //~ ERROR E0601 macro invocations (`name!(..)`) are not supported yet
    c
}

fn h() -> u32 { 0 }

// a closure's environment is read in memory 0: one behind a far pointer cannot be called
fn far_closure<F: Fn() -> u32>(p: #[mem_idx(1)] *const F) -> u32 {
    unsafe { (*p)() } //~ ERROR E0601 calls of a closure stored outside memory 0 are not supported yet
}
