//! Ratios measured in pairs, for a shared and noisy machine.
//!
//! Criterion samples each side of a comparison for seconds on its own, so a burst of load
//! on the host lands on one side and moves the ratio. Here every round times both sides
//! back to back and keeps their ratio; a burst spoils a round, and the median over the
//! rounds passes it by. Each side is run once untimed right before it is timed, so it is
//! timed warm, as criterion times it, not in the caches the other side left.

use std::time::Instant;

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
    let mut ratios: [Vec<f64>; N] = std::array::from_fn(|_| Vec::with_capacity(rounds));
    for round in 0..=rounds {
        for (k, &(a, b)) in pairs.iter().enumerate() {
            let ratio = secs(a) / secs(b);
            if round > 0 {
                ratios[k].push(ratio);
            }
        }
    }
    ratios.map(|mut r| {
        r.sort_by(f64::total_cmp);
        Ratios(r)
    })
}

/// The ratios of one pair over the rounds, sorted.
pub struct Ratios(Vec<f64>);

impl Ratios {
    /// The median ratio.
    pub fn median(&self) -> f64 {
        self.0[self.0.len() / 2]
    }

    /// The median and the range with `unit` after each number, the ratios scaled by
    /// `factor` (100 for percentages): "1.86× (median of 15 rounds; 1.71–1.95×)".
    pub fn describe(&self, factor: f64, unit: &str) -> String {
        let (lo, hi) = (self.0[0] * factor, self.0[self.0.len() - 1] * factor);
        format!(
            "{:.2}{unit} (median of {} rounds; {lo:.2}–{hi:.2}{unit})",
            self.median() * factor,
            self.0.len()
        )
    }
}
