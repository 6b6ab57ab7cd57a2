//! An ordered parallel runner for batches: results in input order, one `Result` per input,
//! panics caught per item, bounded memory, progress and statistics that add up.

use std::collections::BTreeMap;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuilder};
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

/// Runs one function over many inputs on a rayon pool, in windows so memory stays bounded.
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
    /// order, as soon as its window is done; `progress` is called after each item. Memory
    /// holds one window of inputs and results, whatever the batch size.
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
        let mut inputs = inputs.into_iter();
        let total = match inputs.size_hint() {
            (lo, Some(hi)) if lo == hi => Some(lo),
            _ => None,
        };
        let mut stats = BatchStats::default();
        let mut next_index = 0usize;
        let mut window: Vec<(usize, I)> = Vec::with_capacity(self.window);
        loop {
            window.clear();
            window.extend(inputs.by_ref().take(self.window).map(|item| {
                next_index += 1;
                (next_index - 1, item)
            }));
            if window.is_empty() {
                break;
            }
            let run_one = |(i, item): (usize, I)| {
                let t = Instant::now();
                let result = catch_unwind(AssertUnwindSafe(|| work(item)));
                let result = match result {
                    Ok(Ok(value)) => Ok(value),
                    Ok(Err(error)) => Err(ItemError::Failed { error }),
                    Err(payload) => Err(ItemError::Panicked {
                        message: panic_message(payload.as_ref()),
                    }),
                };
                (i, result, t.elapsed())
            };
            let done: Vec<(usize, Result<T, ItemError<E>>, Duration)> = match &self.pool {
                Some(pool) if pool.current_num_threads() > 1 => {
                    pool.install(|| window.par_drain(..).map(run_one).collect())
                }
                _ => window.drain(..).map(run_one).collect(),
            };
            for (i, result, busy) in done {
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
            }
        }
        stats.elapsed = started.elapsed();
        stats
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
