// Visibility: private items and fields of another module (E0603, E0616, E0451),
// `pub(super)`, `pub(crate)`, `pub(in path)`, and names defined twice.
mod bank {
    pub struct Account { pub owner: u32, balance: u32 }
    pub fn open(owner: u32) -> Account { Account { owner, balance: 0 } }
    fn audit() -> u32 { 1 }
    pub(super) fn report() -> u32 { audit() }
    pub(crate) const FEE: u32 = 2;
    pub mod vault {
        pub(super) fn key() -> u32 { 7 }
        pub(in crate::bank) fn code() -> u32 { super::audit() + key() }
        pub(in crate::elsewhere) fn odd() {} //~ ERROR E0742
    }
    pub fn inside() -> u32 { vault::key() + vault::code() }
}

mod elsewhere {}

fn outside() -> u32 {
    let a = bank::open(1);
    let b = bank::audit(); //~ ERROR E0603 function `audit` is private
    //~| LABEL private function
    let c = bank::vault::key(); //~ ERROR E0603 function `key` is private
    let d = a.balance; //~ ERROR E0616 field `balance` of struct `bank::Account` is private
    let e = bank::Account { owner: 1, balance: 5 }; //~ ERROR E0451 field `balance` of struct `bank::Account` is private
    a.owner + bank::report() + bank::FEE + bank::inside()
}

mod twice {
    pub fn get() -> u32 { 1 }
    pub fn put() -> u32 { 2 }
}
mod other { pub fn get() -> u32 { 3 } }

use twice::get;
use other::get; //~ ERROR E0252 the name `get` is defined multiple times
use twice::put;
fn put() -> u32 { 4 } //~ ERROR E0255 the name `put` is defined multiple times
use bank::audit; //~ ERROR E0603 function `audit` is private
