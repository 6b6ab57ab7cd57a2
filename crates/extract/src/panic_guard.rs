//! Containment for panics inside third-party parsers.
//!
//! PDF engines panic on a few percent of real files. [`catch`] runs such code under
//! [`std::panic::catch_unwind`] and turns a panic into its message, so no panic escapes the
//! public API. The default panic hook would still print a backtrace notice to stderr for every
//! caught panic; a process-wide hook, installed once, stays silent for threads that are inside
//! [`catch`] (a thread-local flag) and delegates to the previously installed hook otherwise.
//! Hooks are never swapped per call, which would race between threads.
//!
//! Aborts and stack overflows cannot be caught this way; only process isolation contains them.

use std::any::Any;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// How many [`catch`] frames are active on this thread (nesting is allowed).
    static INSIDE_CATCH: Cell<u32> = const { Cell::new(0) };
}

static INSTALL_HOOK: Once = Once::new();

/// Installs, once per process, the hook that is quiet inside [`catch`].
fn install_quiet_hook() {
    INSTALL_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let quiet = INSIDE_CATCH.try_with(|n| n.get() > 0).unwrap_or(false);
            if !quiet {
                previous(info);
            }
        }));
    });
}

/// Decrements the thread's catch depth when dropped, also during unwinding.
struct DepthGuard;

impl DepthGuard {
    fn enter() -> DepthGuard {
        INSIDE_CATCH.with(|n| n.set(n.get() + 1));
        DepthGuard
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        let _ = INSIDE_CATCH.try_with(|n| n.set(n.get().saturating_sub(1)));
    }
}

/// Runs `f`, returning its value, or the panic message if it panicked (silently).
pub(crate) fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_quiet_hook();
    let _depth = DepthGuard::enter();
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| panic_message(payload.as_ref()))
}

/// The text of a panic payload (`&str` or `String`), or a placeholder for other payloads.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_the_value_when_nothing_panics() {
        assert_eq!(catch(|| 41 + 1), Ok(42));
    }

    #[test]
    fn turns_str_and_string_panics_into_their_message() {
        assert_eq!(
            catch(|| -> u8 { panic!("static message") }),
            Err("static message".to_owned())
        );
        let n = 7;
        assert_eq!(
            catch(|| -> u8 { panic!("formatted {n}") }),
            Err("formatted 7".to_owned())
        );
    }

    #[test]
    fn reports_non_string_payloads() {
        let r = catch(|| -> u8 { std::panic::panic_any(5_i32) });
        assert_eq!(r, Err("panic with a non-string payload".to_owned()));
    }

    #[test]
    fn nested_catches_keep_the_depth_balanced() {
        let outer = catch(|| {
            let inner = catch(|| -> u8 { panic!("inner") });
            assert!(inner.is_err());
            INSIDE_CATCH.with(|n| n.get())
        });
        assert_eq!(outer, Ok(1));
        assert_eq!(INSIDE_CATCH.with(|n| n.get()), 0);
    }

    #[test]
    fn catches_on_many_threads_at_once() {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                std::thread::spawn(move || {
                    (0..50)
                        .map(|j| {
                            catch(move || -> u32 {
                                if j % 2 == 0 {
                                    panic!("p{i}")
                                } else {
                                    j
                                }
                            })
                        })
                        .filter(Result::is_err)
                        .count()
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), 25);
        }
    }
}
