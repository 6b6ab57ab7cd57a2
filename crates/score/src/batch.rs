//! An ordered parallel runner for batches: results in input order, one `Result` per input,
//! panics caught per item, bounded memory, progress and statistics that add up.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use rayon::{ThreadPool, ThreadPoolBuilder, Yield};
use serde::Serialize;

/// Sizes a successful item contributes to [`BatchStats`]. Both default to 0.
pub trait Metered {
    /// Pages read for the item.
    fn pages(&self) -> u64 {
        0
    }
    /// Input bytes read for the item.
    fn bytes(&self) -> u64 {
        0
    }
}

/// The kind a failure is counted under in [`BatchStats::failed_by_kind`].
pub trait FailureKind {
    /// A short snake_case kind ("io", "malformed", "no_text").
    fn kind(&self) -> String;
}

impl FailureKind for rolefit_extract::Error {
    fn kind(&self) -> String {
        rolefit_extract::Error::kind(self).as_str().to_owned()
    }
}

impl FailureKind for String {
    fn kind(&self) -> String {
        "error".to_owned()
    }
}

impl Metered for () {}
impl Metered for crate::Outcome {}
impl Metered for String {
    fn bytes(&self) -> u64 {
        self.len() as u64
    }
}

/// Why one item of a batch has no result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemError<E> {
    /// The work function returned an error.
    Failed {
        /// The error.
        error: E,
    },
    /// The work function panicked; the panic was caught and the batch went on.
    Panicked {
        /// The panic message.
        message: String,
    },
}

impl<E: FailureKind> ItemError<E> {
    /// The kind counted in the statistics: the error's kind, or `panicked`.
    pub fn kind(&self) -> String {
        match self {
            ItemError::Failed { error } => error.kind(),
            ItemError::Panicked { .. } => "panicked".to_owned(),
        }
    }
}

impl<E: fmt::Display> fmt::Display for ItemError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemError::Failed { error } => error.fmt(f),
            ItemError::Panicked { message } => write!(f, "panicked: {message}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for ItemError<E> {}

/// Totals of a batch. `ok + failed == total`, and `failed_by_kind` sums to `failed`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BatchStats {
    /// Items processed.
    pub total: usize,
    /// Items that produced a result.
    pub ok: usize,
    /// Items that failed or panicked.
    pub failed: usize,
    /// Failures per kind (`panicked` for caught panics).
    pub failed_by_kind: BTreeMap<String, usize>,
    /// Pages over successful items.
    pub pages: u64,
    /// Bytes over successful items.
    pub bytes: u64,
    /// Wall-clock time of the whole batch.
    pub elapsed: Duration,
    /// Time spent inside the work function, summed over items and threads.
    pub busy: Duration,
}

impl BatchStats {
    /// Items per second of wall-clock time.
    pub fn items_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.total as f64 / secs
        } else {
            0.0
        }
    }
}

/// Where a batch stands, passed to the progress callback after each item reaches the sink.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Items delivered so far.
    pub done: usize,
    /// Items in the batch, when the input iterator knows its exact length.
    pub total: Option<usize>,
    /// Delivered items that failed.
    pub failed: usize,
    /// Time since the batch started.
    pub elapsed: Duration,
}

/// Runs one function over many inputs on a rayon pool, a bounded window of items at a time,
/// so memory stays flat.
///
/// ```
/// use rolefit_score::Batch;
/// let batch = Batch::with_threads(2);
/// let (results, stats) = batch.run(vec![1u32, 2, 0, 4], |n: u32| {
///     if n == 0 { Err("zero".to_owned()) } else { Ok((100 / n).to_string()) }
/// });
/// assert_eq!(results[1].as_ref().unwrap(), "50");
/// assert!(results[2].is_err());
/// assert_eq!((stats.ok, stats.failed), (3, 1));
/// ```
#[derive(Clone, Debug)]
pub struct Batch {
    pool: Option<Arc<ThreadPool>>,
    window: usize,
}

/// The default number of items in flight per thread.
pub const ITEMS_PER_THREAD_IN_WINDOW: usize = 64;

impl Default for Batch {
    fn default() -> Batch {
        Batch::with_threads(0)
    }
}

impl Batch {
    /// A runner on its own pool of `threads` threads (0: one per core). If the pool cannot be
    /// created, items run on the calling thread.
    pub fn with_threads(threads: usize) -> Batch {
        let pool = ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .ok()
            .map(Arc::new);
        let n = pool.as_ref().map_or(1, |p| p.current_num_threads());
        Batch {
            pool,
            window: n * ITEMS_PER_THREAD_IN_WINDOW,
        }
    }

    /// A runner on the caller's pool.
    pub fn with_pool(pool: Arc<ThreadPool>) -> Batch {
        let window = pool.current_num_threads() * ITEMS_PER_THREAD_IN_WINDOW;
        Batch {
            pool: Some(pool),
            window,
        }
    }

    /// Sets how many items are in flight at once (at least 1); results of at most this many
    /// items are held in memory.
    pub fn window(&mut self, items: usize) -> &mut Batch {
        self.window = items.max(1);
        self
    }

    /// Threads that run items.
    pub fn threads(&self) -> usize {
        self.pool.as_ref().map_or(1, |p| p.current_num_threads())
    }

    /// Runs `work` over `inputs` and returns every result in input order, with statistics.
    pub fn run<I, T, E, F>(
        &self,
        inputs: impl IntoIterator<Item = I>,
        work: F,
    ) -> (Vec<Result<T, ItemError<E>>>, BatchStats)
    where
        I: Send,
        T: Send + Metered,
        E: Send + FailureKind,
        F: Fn(I) -> Result<T, E> + Sync,
    {
        let mut results = Vec::new();
        let stats = self.run_streaming(inputs, work, |_, r| results.push(r), |_| {});
        (results, stats)
    }

    /// Runs `work` over `inputs`, passing each result to `sink` with its input index, in input
    /// order, as soon as it and every item before it are done; `progress` is called after
    /// each item. Inputs are pulled and results delivered on the calling thread, while the
    /// pool's threads run items; at most one window of items is in flight or waiting for an
    /// earlier one, whatever the batch size. No item waits for a whole window to finish: a
    /// slow item holds back only the delivery of those after it.
    pub fn run_streaming<I, T, E, F, S, P>(
        &self,
        inputs: impl IntoIterator<Item = I>,
        work: F,
        mut sink: S,
        mut progress: P,
    ) -> BatchStats
    where
        I: Send,
        T: Send + Metered,
        E: Send + FailureKind,
        F: Fn(I) -> Result<T, E> + Sync,
        S: FnMut(usize, Result<T, ItemError<E>>),
        P: FnMut(&Progress),
    {
        let started = Instant::now();
        let inputs = inputs.into_iter();
        let total = match inputs.size_hint() {
            (lo, Some(hi)) if lo == hi => Some(lo),
            _ => None,
        };
        let mut stats = BatchStats::default();
        let mut deliver = |i: usize, (result, busy): Done<T, E>| {
            stats.total += 1;
            stats.busy += busy;
            match &result {
                Ok(value) => {
                    stats.ok += 1;
                    stats.pages += value.pages();
                    stats.bytes += value.bytes();
                }
                Err(e) => {
                    stats.failed += 1;
                    *stats.failed_by_kind.entry(e.kind()).or_default() += 1;
                }
            }
            sink(i, result);
            progress(&Progress {
                done: stats.total,
                total,
                failed: stats.failed,
                elapsed: started.elapsed(),
            });
        };
        match &self.pool {
            Some(pool) if pool.current_num_threads() > 1 => {
                run_pipelined(pool, self.window, inputs, &work, &mut deliver)
            }
            _ => {
                for (i, item) in inputs.enumerate() {
                    deliver(i, run_one(&work, item));
                }
            }
        }
        stats.elapsed = started.elapsed();
        stats
    }
}

/// One item's outcome and the time its work took.
type Done<T, E> = (Result<T, ItemError<E>>, Duration);

/// Runs `work` on one item, catching a panic as the item's error.
fn run_one<I, T, E>(work: &impl Fn(I) -> Result<T, E>, item: I) -> Done<T, E> {
    let started = Instant::now();
    let result = match catch_unwind(AssertUnwindSafe(|| work(item))) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(ItemError::Failed { error }),
        Err(payload) => Err(ItemError::Panicked {
            message: panic_message(payload.as_ref()),
        }),
    };
    (result, started.elapsed())
}

/// Keeps up to `window` items spawned on `pool` or finished out of order, and hands each to
/// `deliver` in input order. The calling thread sleeps until half a window has finished, then
/// delivers what it can and tops the window up while the pool works on the other half.
fn run_pipelined<I, T, E, F>(
    pool: &ThreadPool,
    window: usize,
    inputs: impl Iterator<Item = I>,
    work: &F,
    deliver: &mut impl FnMut(usize, Done<T, E>),
) where
    I: Send,
    T: Send,
    E: Send,
    F: Fn(I) -> Result<T, E> + Sync,
{
    let arrivals = &Arrivals::with_capacity(window);
    pool.in_place_scope_fifo(|scope| {
        let mut inputs = inputs.enumerate().fuse();
        // Slot k holds item `next + k` once it is done.
        let mut held: VecDeque<Option<Done<T, E>>> = VecDeque::with_capacity(window);
        let mut next = 0usize;
        let mut unfinished = 0usize;
        let mut arrived = Vec::with_capacity(window);
        loop {
            for (i, item) in inputs.by_ref().take(window - held.len()) {
                held.push_back(None);
                unfinished += 1;
                scope.spawn_fifo(move |_| arrivals.push((i, run_one(work, item))));
            }
            if held.is_empty() {
                break;
            }
            // The first held item is unfinished (it would have been delivered otherwise).
            arrivals.take(unfinished.min(window.div_ceil(2)), pool, &mut arrived);
            for (i, done) in arrived.drain(..) {
                held[i - next] = Some(done);
                unfinished -= 1;
            }
            while let Some(done) = held.front_mut().and_then(Option::take) {
                held.pop_front();
                deliver(next, done);
                next += 1;
            }
        }
    });
}

/// Finished items on their way from the pool's threads to the thread that delivers them,
/// which sleeps until as many as it wants have arrived (one wake-up per half window, not per
/// item).
struct Arrivals<M> {
    state: Mutex<Arrived<M>>,
    enough: Condvar,
}

struct Arrived<M> {
    items: Vec<M>,
    /// How many items the waiting thread wants before it is woken.
    wanted: usize,
}

impl<M> Arrivals<M> {
    fn with_capacity(n: usize) -> Arrivals<M> {
        Arrivals {
            state: Mutex::new(Arrived {
                items: Vec::with_capacity(n),
                wanted: usize::MAX,
            }),
            enough: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Arrived<M>> {
        // Nothing panics while holding the lock, so a poisoned state is still whole.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn push(&self, item: M) {
        let mut state = self.lock();
        state.items.push(item);
        if state.items.len() == state.wanted {
            self.enough.notify_one();
        }
    }

    /// Moves every arrived item into `into` once at least `wanted` have arrived. On one of
    /// `pool`'s own threads (a batch started from inside its pool) it runs the pool's pending
    /// work meanwhile, so the pool cannot starve.
    fn take(&self, wanted: usize, pool: &ThreadPool, into: &mut Vec<M>) {
        let on_pool = pool.current_thread_index().is_some();
        let mut state = self.lock();
        while state.items.len() < wanted {
            state.wanted = wanted;
            if !on_pool {
                state = self
                    .enough
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            drop(state);
            let ran = pool.yield_now();
            state = self.lock();
            if ran == Some(Yield::Idle) && state.items.len() < wanted {
                let short = Duration::from_micros(200);
                state = match self.enough.wait_timeout(state, short) {
                    Ok((state, _)) => state,
                    Err(poisoned) => poisoned.into_inner().0,
                };
            }
        }
        state.wanted = usize::MAX;
        std::mem::swap(&mut state.items, into);
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_owned()
    }
}
