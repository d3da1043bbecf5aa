//! Optional values (`core::option`): `Option<T>` is `Some(value)` or `None`,
//! as in Rust. `Option`, `Some` and `None` are in the prelude.
//!
//! The methods that look at an option in place take it by a reference into
//! any memory (`self: #[mem_idx(M)] &Self`, `M` inferred from the receiver),
//! so an option kept in a far static or behind a far pointer is read where it
//! is; what they return keeps that memory (`as_ref` of an option in memory 1
//! is an `Option<#[mem_idx(1)] &T>`).

use crate::intrinsics::abort;
use crate::result::Result::{self, Err, Ok};

pub enum Option<T> {
    None,
    Some(T),
}

use Option::{None, Some};

impl<T> Option<T> {
    /// Whether the option is a `Some`.
    pub fn is_some<const M: usize>(self: #[mem_idx(M)] &Self) -> bool {
        match self {
            Some(_) => true,
            None => false,
        }
    }

    /// Whether the option is `None`.
    pub fn is_none<const M: usize>(self: #[mem_idx(M)] &Self) -> bool {
        !self.is_some()
    }

    /// The value of a `Some`; on `None` it traps, where Rust panics.
    pub fn unwrap(self) -> T {
        match self {
            Some(v) => v,
            None => abort(),
        }
    }

    /// The value of a `Some`, or `default`.
    pub fn unwrap_or(self, default: T) -> T {
        match self {
            Some(v) => v,
            None => default,
        }
    }

    /// The value of a `Some`, without looking: on `None` the behavior is
    /// undefined in Rust; farc traps.
    pub unsafe fn unwrap_unchecked(self) -> T {
        match self {
            Some(v) => v,
            None => abort(),
        }
    }

    /// The value of a `Some`, or what `f` computes.
    pub fn unwrap_or_else<F: FnOnce() -> T>(self, f: F) -> T {
        match self {
            Some(v) => v,
            None => f(),
        }
    }

    /// `Some(f(value))` for `Some(value)`, `None` for `None`.
    pub fn map<U, F: FnOnce(T) -> U>(self, f: F) -> Option<U> {
        match self {
            Some(v) => Some(f(v)),
            None => None,
        }
    }

    /// `f(value)` for `Some(value)`, `default` for `None`.
    pub fn map_or<U, F: FnOnce(T) -> U>(self, default: U, f: F) -> U {
        match self {
            Some(v) => f(v),
            None => default,
        }
    }

    /// `f(value)` for `Some(value)`, `default()` for `None`.
    pub fn map_or_else<U, D: FnOnce() -> U, F: FnOnce(T) -> U>(self, default: D, f: F) -> U {
        match self {
            Some(v) => f(v),
            None => default(),
        }
    }

    /// `f(value)` (an option itself) for `Some(value)`, `None` for `None`.
    pub fn and_then<U, F: FnOnce(T) -> Option<U>>(self, f: F) -> Option<U> {
        match self {
            Some(v) => f(v),
            None => None,
        }
    }

    /// The option if it is a `Some`, else what `f` computes.
    pub fn or_else<F: FnOnce() -> Option<T>>(self, f: F) -> Option<T> {
        match self {
            Some(v) => Some(v),
            None => f(),
        }
    }

    /// The option if it is a `Some` whose value `predicate` accepts, else `None`.
    pub fn filter<P: FnOnce(&T) -> bool>(self, predicate: P) -> Option<T> {
        match self {
            Some(v) => {
                if predicate(&v) {
                    Some(v)
                } else {
                    None
                }
            }
            None => None,
        }
    }

    /// `Ok(value)` for `Some(value)`, `Err(err())` for `None`.
    pub fn ok_or_else<E, F: FnOnce() -> E>(self, err: F) -> Result<T, E> {
        match self {
            Some(v) => Ok(v),
            None => Err(err()),
        }
    }

    /// `Ok(value)` for `Some(value)`, `Err(err)` for `None`.
    pub fn ok_or<E>(self, err: E) -> Result<T, E> {
        match self {
            Some(v) => Ok(v),
            None => Err(err),
        }
    }

    /// `None` if the option is `None`, else `other`.
    pub fn and<U>(self, other: Option<U>) -> Option<U> {
        match self {
            Some(_) => other,
            None => None,
        }
    }

    /// The option if it is a `Some`, else `other`.
    pub fn or(self, other: Option<T>) -> Option<T> {
        match self {
            Some(v) => Some(v),
            None => other,
        }
    }

    /// The one of the two that is a `Some`, if exactly one is.
    pub fn xor(self, other: Option<T>) -> Option<T> {
        match (self, other) {
            (Some(a), None) => Some(a),
            (None, Some(b)) => Some(b),
            _ => None,
        }
    }

    /// `Some((a, b))` if both are a `Some`.
    pub fn zip<U>(self, other: Option<U>) -> Option<(T, U)> {
        match (self, other) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        }
    }

    /// A reference to the value, in the option's memory.
    pub fn as_ref<'a, const M: usize>(self: #[mem_idx(M)] &'a Self) -> Option<#[mem_idx(M)] &'a T> {
        match self {
            Some(v) => Some(v),
            None => None,
        }
    }

    /// A mutable reference to the value, in the option's memory.
    pub fn as_mut<'a, const M: usize>(self: #[mem_idx(M)] &'a mut Self) -> Option<#[mem_idx(M)] &'a mut T> {
        match self {
            Some(v) => Some(v),
            None => None,
        }
    }

    /// The value, leaving `None` in its place.
    pub fn take<const M: usize>(self: #[mem_idx(M)] &mut Self) -> Option<T> {
        let old = *self;
        *self = None;
        old
    }

    /// Puts `value` in the option, returning what it held.
    pub fn replace<const M: usize>(self: #[mem_idx(M)] &mut Self, value: T) -> Option<T> {
        let old = *self;
        *self = Some(value);
        old
    }

    /// Puts `value` in the option (dropping what it held) and returns a
    /// reference to it, in the option's memory.
    pub fn insert<'a, const M: usize>(self: #[mem_idx(M)] &'a mut Self, value: T) -> #[mem_idx(M)] &'a mut T {
        *self = Some(value);
        match self {
            Some(v) => v,
            None => abort(),
        }
    }

    /// The value, first putting `value` in the option if it is `None`.
    pub fn get_or_insert<'a, const M: usize>(self: #[mem_idx(M)] &'a mut Self, value: T) -> #[mem_idx(M)] &'a mut T {
        if self.is_none() {
            *self = Some(value);
        }
        match self {
            Some(v) => v,
            None => abort(),
        }
    }
}

impl<T: Copy, const N: usize> Option<#[mem_idx(N)] &T> {
    /// The referenced value, copied out of its memory.
    pub fn copied(self) -> Option<T> {
        match self {
            Some(v) => Some(*v),
            None => None,
        }
    }
}

impl<T> Option<Option<T>> {
    /// `Some(Some(v))` is `Some(v)`, the others `None`.
    pub fn flatten(self) -> Option<T> {
        match self {
            Some(inner) => inner,
            None => None,
        }
    }
}

impl<T, E> Option<Result<T, E>> {
    /// `Some(Ok(v))` is `Ok(Some(v))`, `Some(Err(e))` is `Err(e)`, `None` is `Ok(None)`.
    pub fn transpose(self) -> Result<Option<T>, E> {
        match self {
            Some(Ok(v)) => Ok(Some(v)),
            Some(Err(e)) => Err(e),
            None => Ok(None),
        }
    }
}

impl<T: Clone> Clone for Option<T> {
    fn clone(&self) -> Option<T> {
        match self {
            Some(v) => Some(v.clone()),
            None => None,
        }
    }
}

impl<T: Copy> Copy for Option<T> {}

impl<T: PartialEq> PartialEq for Option<T> {
    fn eq(&self, other: &Option<T>) -> bool {
        match (self, other) {
            (Some(a), Some(b)) => a == b,
            (None, None) => true,
            _ => false,
        }
    }
}

impl<T: Eq> Eq for Option<T> {}
