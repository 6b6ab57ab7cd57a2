//! From command-line flags to a validated pipeline, or a message naming what is wrong.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rolefit::extract::{Extractor, Limits, YearMonth};
use rolefit::isolate::WorkerConfig;
use rolefit::{Isolation, Pipeline, ProfileSource};

use crate::args::{self, Common};

/// Most threads accepted by `-j`.
const MAX_THREADS: usize = 512;

/// A calendar date, for `--as-of`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Today in UTC.
    pub fn today() -> Date {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=9999).contains(&year) && (1..=days_in_month).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// The month of the date.
    pub fn month(&self) -> YearMonth {
        YearMonth::new(
            u16::try_from(self.year).unwrap_or(0),
            u8::try_from(self.month).unwrap_or(1),
        )
        .unwrap_or(YearMonth {
            year: 1970,
            month: 1,
        })
    }
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = i32::try_from(yoe + era * 400 + i64::from(month <= 2)).unwrap_or(1970);
    Date { year, month, day }
}

/// The as-of date: `--as-of` (not in the future) or today.
pub fn as_of(common: &Common) -> Result<Date, String> {
    let today = Date::today();
    match &common.as_of {
        None => Ok(today),
        Some(text) => {
            let date = Date::parse(text).ok_or_else(|| {
                format!("--as-of {text:?}: expected a date as YYYY-MM-DD, such as 2026-06-01")
            })?;
            if date > today {
                return Err(format!(
                    "--as-of {text}: the date is in the future (today is {:04}-{:02}-{:02}); \"Present\" cannot be resolved against it",
                    today.year, today.month, today.day
                ));
            }
            Ok(date)
        }
    }
}

/// The input limits from the flags.
pub fn limits(common: &Common) -> Result<Limits, String> {
    let mut limits = Limits::default();
    if let Some(max) = common.max_bytes {
        if max == 0 {
            return Err("--max-bytes must be at least 1".to_owned());
        }
        limits.max_bytes = max;
    }
    limits.time_budget = timeout(common)?;
    Ok(limits)
}

fn timeout(common: &Common) -> Result<Duration, String> {
    let secs = common.timeout_per_file;
    if !(secs.is_finite() && secs > 0.0 && secs <= 86_400.0) {
        return Err(format!(
            "--timeout-per-file {secs}: expected seconds between 0 and 86400"
        ));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// The thread count, checked.
pub fn threads(common: &Common) -> Result<usize, String> {
    if common.threads > MAX_THREADS {
        return Err(format!(
            "--threads {}: at most {MAX_THREADS} (0 means one per core)",
            common.threads
        ));
    }
    Ok(common.threads)
}

/// The extractor the flags describe (for `extract` and for worker processes).
pub fn extractor(common: &Common) -> Result<Extractor, String> {
    let mut builder = Extractor::builder();
    builder
        .limits(limits(common)?)
        .as_of(as_of(common)?.month());
    Ok(builder.build())
}

/// The role profile source: `--jd FILE`, or `--role ID|FILE`.
fn profile_source(common: &Common) -> ProfileSource {
    if let Some(jd) = &common.jd {
        return ProfileSource::JobDescription(jd.clone());
    }
    let role = &common.role;
    let looks_like_file =
        role.ends_with(".toml") || role.contains('/') || Path::new(role).is_file();
    if looks_like_file {
        ProfileSource::File(PathBuf::from(role))
    } else {
        ProfileSource::Embedded(role.clone())
    }
}

/// The pipeline the flags describe, with extraction isolated in worker processes per `--isolate`.
pub fn pipeline(common: &Common) -> Result<Pipeline, String> {
    let as_of = as_of(common)?;
    let mut builder = Pipeline::builder();
    builder
        .profile(profile_source(common))
        .as_of(as_of.month())
        .limits(limits(common)?)
        .threads(threads(common)?);
    for file in &common.taxonomy {
        builder.taxonomy_file(file);
    }
    let scope = match common.isolate {
        args::Isolation::Auto => Isolation::Binary,
        args::Isolation::All => Isolation::All,
        args::Isolation::None => Isolation::None,
    };
    if scope != Isolation::None {
        builder.isolation(worker_config(common, as_of)?, scope);
    }
    builder.build().map_err(|e| e.to_string())
}

/// How to start a worker: this same program with `__worker` and the extraction flags.
fn worker_config(common: &Common, as_of: Date) -> Result<WorkerConfig, String> {
    let program = std::env::current_exe()
        .map_err(|e| format!("cannot find this program to start workers: {e}"))?;
    let mut worker_args = vec![
        "__worker".to_owned(),
        "--as-of".to_owned(),
        format!("{:04}-{:02}-{:02}", as_of.year, as_of.month, as_of.day),
        "--timeout-per-file".to_owned(),
        common.timeout_per_file.to_string(),
    ];
    if let Some(max) = common.max_bytes {
        worker_args.extend(["--max-bytes".to_owned(), max.to_string()]);
    }
    let mut config = WorkerConfig::new(program, worker_args);
    config.timeout = timeout(common)?;
    if common.worker_memory < 64 {
        return Err(format!(
            "--worker-memory {}: at least 64 MiB",
            common.worker_memory
        ));
    }
    config.memory_cap = common.worker_memory << 20;
    Ok(config)
}
