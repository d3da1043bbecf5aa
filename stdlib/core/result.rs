//! Results (`core::result`): `Result<T, E>` is `Ok(value)` or `Err(error)`,
//! as in Rust. `Result`, `Ok` and `Err` are in the prelude.
//!
//! As `Option`'s, the methods that look at a result in place take it by a
//! reference into any memory (`self: #[mem_idx(M)] &Self`).

use crate::intrinsics::abort;
use crate::option::Option::{self, None, Some};

pub enum Result<T, E> {
    Ok(T),
    Err(E),
}

use Result::{Err, Ok};

impl<T, E> Result<T, E> {
    /// Whether the result is an `Ok`.
    pub fn is_ok<const M: usize>(self: #[mem_idx(M)] &Self) -> bool {
        match self {
            Ok(_) => true,
            Err(_) => false,
        }
    }

    /// Whether the result is an `Err`.
    pub fn is_err<const M: usize>(self: #[mem_idx(M)] &Self) -> bool {
        !self.is_ok()
    }

    /// The value of an `Ok`, as an option.
    pub fn ok(self) -> Option<T> {
        match self {
            Ok(v) => Some(v),
            Err(_) => None,
        }
    }

    /// The error of an `Err`, as an option.
    pub fn err(self) -> Option<E> {
        match self {
            Ok(_) => None,
            Err(e) => Some(e),
        }
    }

    /// The value of an `Ok`; on `Err` it traps, where Rust panics (Rust also
    /// requires `E: Debug` to print the error; farc has no `Debug`).
    pub fn unwrap(self) -> T {
        match self {
            Ok(v) => v,
            Err(_) => abort(),
        }
    }

    /// The error of an `Err`; on `Ok` it traps, where Rust panics.
    pub fn unwrap_err(self) -> E {
        match self {
            Ok(_) => abort(),
            Err(e) => e,
        }
    }

    /// The value of an `Ok`, or `default`.
    pub fn unwrap_or(self, default: T) -> T {
        match self {
            Ok(v) => v,
            Err(_) => default,
        }
    }

    /// The value of an `Ok`, or what `op` computes from the error.
    pub fn unwrap_or_else<F: FnOnce(E) -> T>(self, op: F) -> T {
        match self {
            Ok(v) => v,
            Err(e) => op(e),
        }
    }

    /// `Ok(op(value))` for `Ok(value)`, the error unchanged.
    pub fn map<U, F: FnOnce(T) -> U>(self, op: F) -> Result<U, E> {
        match self {
            Ok(v) => Ok(op(v)),
            Err(e) => Err(e),
        }
    }

    /// `Err(op(error))` for `Err(error)`, the value unchanged.
    pub fn map_err<G, O: FnOnce(E) -> G>(self, op: O) -> Result<T, G> {
        match self {
            Ok(v) => Ok(v),
            Err(e) => Err(op(e)),
        }
    }

    /// `f(value)` for `Ok(value)`, `default` for an error.
    pub fn map_or<U, F: FnOnce(T) -> U>(self, default: U, f: F) -> U {
        match self {
            Ok(v) => f(v),
            Err(_) => default,
        }
    }

    /// `op(value)` (a result itself) for `Ok(value)`, the error unchanged.
    pub fn and_then<U, F: FnOnce(T) -> Result<U, E>>(self, op: F) -> Result<U, E> {
        match self {
            Ok(v) => op(v),
            Err(e) => Err(e),
        }
    }

    /// The result if it is an `Ok`, else `op(error)`.
    pub fn or_else<G, O: FnOnce(E) -> Result<T, G>>(self, op: O) -> Result<T, G> {
        match self {
            Ok(v) => Ok(v),
            Err(e) => op(e),
        }
    }

    /// `res` if the result is an `Ok`, else its error.
    pub fn and<U>(self, res: Result<U, E>) -> Result<U, E> {
        match self {
            Ok(_) => res,
            Err(e) => Err(e),
        }
    }

    /// The result if it is an `Ok`, else `res`.
    pub fn or<F>(self, res: Result<T, F>) -> Result<T, F> {
        match self {
            Ok(v) => Ok(v),
            Err(_) => res,
        }
    }

    /// References to the value or the error, in the result's memory.
    pub fn as_ref<'a, const M: usize>(self: #[mem_idx(M)] &'a Self) -> Result<#[mem_idx(M)] &'a T, #[mem_idx(M)] &'a E> {
        match self {
            Ok(v) => Ok(v),
            Err(e) => Err(e),
        }
    }

    /// Mutable references to the value or the error, in the result's memory.
    pub fn as_mut<'a, const M: usize>(self: #[mem_idx(M)] &'a mut Self) -> Result<#[mem_idx(M)] &'a mut T, #[mem_idx(M)] &'a mut E> {
        match self {
            Ok(v) => Ok(v),
            Err(e) => Err(e),
        }
    }
}

impl<T, E> Result<Option<T>, E> {
    /// `Ok(Some(v))` is `Some(Ok(v))`, `Ok(None)` is `None`, `Err(e)` is `Some(Err(e))`.
    pub fn transpose(self) -> Option<Result<T, E>> {
        match self {
            Ok(Some(v)) => Some(Ok(v)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

impl<T: Clone, E: Clone> Clone for Result<T, E> {
    fn clone(&self) -> Result<T, E> {
        match self {
            Ok(v) => Ok(v.clone()),
            Err(e) => Err(e.clone()),
        }
    }
}

impl<T: Copy, E: Copy> Copy for Result<T, E> {}

impl<T: PartialEq, E: PartialEq> PartialEq for Result<T, E> {
    fn eq(&self, other: &Result<T, E>) -> bool {
        match (self, other) {
            (Ok(a), Ok(b)) => a == b,
            (Err(a), Err(b)) => a == b,
            _ => false,
        }
    }
}

impl<T: Eq, E: Eq> Eq for Result<T, E> {}
