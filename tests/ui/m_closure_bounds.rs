// Closures passed to generic functions bounded by `Fn`/`FnMut`/`FnOnce`: the
// bound's signature must agree exactly with the closure's (or the function
// pointer's), memories included, so no far pointer is laundered through a
// closure's parameter, result or capture, nor through a generic function
// instantiated with a closure.
#![memory(1, min = 1)]

fn far_source() -> #[mem_idx(1)] *const u32 {
    16usize as #[mem_idx(1)] *const u32
}

fn call_near<F: Fn(*const u32) -> u32>(f: F) -> u32 {
    f(16usize as *const u32)
}

fn get_near<F: Fn() -> *const u32>(f: F) -> *const u32 {
    f()
}

fn get_any<R, F: FnOnce() -> R>(f: F) -> R {
    f()
}

fn read_far(p: #[mem_idx(1)] *const u32) -> u32 {
    unsafe { *p }
}

fn relay<G: Fn(#[mem_idx(1)] *const u32) -> u32>(g: G) -> u32 {
    call_near(g) //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    //~| LABEL expected `fn(*const u32) -> u32`, found `fn(#[mem_idx(1)] *const u32) -> u32`
}

fn sum_in<const M: usize, F: Fn(#[mem_idx(M)] *const u32) -> u32>(f: F, p: #[mem_idx(M)] *const u32) -> u32 {
    f(p)
}

fn laundering() {
    let far = far_source();
    call_near(|p: #[mem_idx(1)] *const u32| unsafe { *p }); //~ ERROR M0001 expected a pointer into memory 0
    get_near(|| far); //~ ERROR M0003 returned pointer points into memory 1, but the return type points into memory 0
    let p: *const u32 = get_any(|| far); //~ ERROR M0003
    let grab = || far;
    get_near(grab); //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    //~| LABEL found `fn() -> #[mem_idx(1)] *const u32`
    call_near(read_far); //~ ERROR M0001
    let near_reader = |p: *const u32| unsafe { *p };
    sum_in(near_reader, far); //~ ERROR M0001 expected a pointer into memory 1, found a pointer into memory 0
}

fn kinds() {
    let mut n = 0u32;
    let bump = |v: u32| n += v;
    call_near(bump); //~ ERROR E0525 expected a closure that implements the `Fn` trait, but this closure only implements `FnMut`
    //~| LABEL the requirement to implement `Fn` derives from here
    let f = 3u32;
    call_near(f); //~ ERROR E0277 expected a `Fn(*const u32) -> u32` closure, found `u32`
    //~| NOTE required by a bound in `call_near`
}

fn needs_mut<F: FnMut()>(f: F) {
    f(); //~ ERROR E0596 cannot borrow immutable variable `f` as mutable
}

fn through_shared<F: FnMut()>(f: &F) {
    f(); //~ ERROR E0596 cannot borrow data behind a `&` pointer as mutable
}

fn through_far<F: Fn()>(p: #[mem_idx(1)] *const F) {
    unsafe { (*p)() } //~ ERROR E0601 calls of a closure stored outside memory 0 are not supported yet
}

fn lifetimes() -> u32 {
    let c;
    {
        let y = 1u32;
        c = |p: *const u32| y;
    }
    call_near(c) //~ ERROR E0597 `y` does not live long enough
    //~| LABEL the closure is used here, where a variable it borrows is out of scope
}

fn arity<F: Fn(u32) -> u32>(f: F) -> u32 {
    f(1, 2) //~ ERROR E0061 this function takes 1 argument but 2 were supplied
}

fn unsafe_pointer(p: unsafe fn(*const u32) -> u32) -> u32 {
    call_near(p) //~ ERROR E0277 expected a `Fn(*const u32) -> u32` closure, found `unsafe fn(*const u32) -> u32`
}

// a closure's environment keeps a captured far pointer's memory: the closure's
// value is no way around the memory rules either
fn environment() {
    let far = far_source();
    let get = move || far;
    let q: *const u32 = once_more(get); //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
}

fn once_more<R, F: Fn() -> R>(f: F) -> R {
    f()
}

// a closure behind a far reference: its environment is in memory 1, where its
// function does not read it
fn far_reference<F: Fn(*const u32) -> u32>(p: #[mem_idx(1)] *const F) -> u32 {
    let r = unsafe { &*p };
    call_near(r) //~ ERROR E0601 calls of a closure stored outside memory 0 are not supported yet
}

// an inherent impl's closure-trait bound is required where its functions are used
struct Holder<F> {
    f: F,
}

impl<F: Fn(*const u32) -> u32> Holder<F> {
    fn new(f: F) -> Self {
        Holder { f }
    }
}

fn holders() {
    let h = Holder::new(|p: #[mem_idx(1)] *const u32| unsafe { *p }); //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
}
