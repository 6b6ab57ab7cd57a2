//! Ratios measured in pairs, for a shared and noisy machine.
//!
//! Criterion samples each side of a comparison for seconds on its own, so a burst of load
//! on the host lands on one side and moves the ratio. Here every round times both sides
//! back to back and keeps their ratio; a burst spoils a round, and the median over the
//! rounds passes it by. Each side is run once untimed right before it is timed, so it is
//! timed warm, as criterion times it, not in the caches the other side left.

use std::time::Instant;

/// Returns true if and only if the bench runs as a benchmark: `cargo bench` passes `--bench`,
/// while `cargo test` runs bench targets without it, once each, as a smoke test — too slow
/// (a debug build) and too short for pairs to mean anything.
pub fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// One side of a comparison: the work to time.
pub type Side<'a> = &'a dyn Fn();

/// Runs every pair `(a, b)` once per round, `rounds` times after one warm-up round, and
/// returns per pair the ratios time(a) / time(b).
pub fn paired_ratios<const N: usize>(rounds: usize, pairs: [(Side, Side); N]) -> [Ratios; N] {
    let secs = |side: Side| {
        side();
        let started = Instant::now();
        side();
        started.elapsed().as_secs_f64()
    };
    let mut times: [Vec<(f64, f64)>; N] = std::array::from_fn(|_| Vec::with_capacity(rounds));
    for round in 0..=rounds {
        for (k, &(a, b)) in pairs.iter().enumerate() {
            let pair = (secs(a), secs(b));
            if round > 0 {
                times[k].push(pair);
            }
        }
    }
    times.map(|t| Ratios {
        ratios: sorted(t.iter().map(|&(a, b)| a / b)),
        a: sorted(t.iter().map(|&(a, _)| a)),
        b: sorted(t.iter().map(|&(_, b)| b)),
    })
}

fn sorted(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    v
}

fn median(sorted: &[f64]) -> f64 {
    sorted[sorted.len() / 2]
}

/// One pair over the rounds: the ratios and each side's times, each sorted.
pub struct Ratios {
    ratios: Vec<f64>,
    a: Vec<f64>,
    b: Vec<f64>,
}

impl Ratios {
    /// The median ratio and its range, with `unit` after each number, the ratios scaled by
    /// `factor` (100 for percentages), and each side's median time: "1.86× (median of 15
    /// rounds; 1.71–1.95×; 120.1 ms / 64.6 ms)".
    pub fn describe(&self, factor: f64, unit: &str) -> String {
        let r = &self.ratios;
        let (lo, hi) = (r[0] * factor, r[r.len() - 1] * factor);
        format!(
            "{:.2}{unit} (median of {} rounds; {lo:.2}–{hi:.2}{unit}; {:.1} ms / {:.1} ms)",
            median(r) * factor,
            r.len(),
            median(&self.a) * 1e3,
            median(&self.b) * 1e3
        )
    }
}
