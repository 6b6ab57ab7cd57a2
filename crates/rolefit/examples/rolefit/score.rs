//! `rolefit score`: a batch of files against one role, in every output format.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rolefit::record::{Record, SummaryRecord, SCHEMA_VERSION};
use rolefit::walk::collect_inputs;
use rolefit::Pipeline;

use crate::args::{Common, Format};
use crate::sink::Sink;
use crate::{config, EXIT_FAILURES, EXIT_OK};

/// One file of the batch: the path records show, and the path read.
struct Input {
    shown: String,
    read: PathBuf,
}

/// What the ranked table needs of a file, kept small so a big batch stays small in memory.
struct Row {
    index: usize,
    path: String,
    score: Option<f64>,
    band: String,
    detail: String,
}

pub fn run(common: &Common, paths: &[PathBuf]) -> Result<u8, String> {
    let pipeline = config::pipeline(common)?;
    let (inputs, _stdin_file) = inputs(paths)?;
    let format = common.format.unwrap_or(Format::Table);
    let mut sink = Sink::open(common.output.as_deref()).map_err(|e| e.to_string())?;

    let stop = Arc::new(AtomicBool::new(false));
    let on_signal = Arc::clone(&stop);
    let _ = ctrlc::set_handler(move || on_signal.store(true, Ordering::SeqCst));

    let bar = progress_bar(common, inputs.len());
    let shown: BTreeMap<PathBuf, String> = inputs
        .iter()
        .map(|i| (i.read.clone(), i.shown.clone()))
        .collect();
    let mut out = Output::new(format, &pipeline, common);
    let mut write_failed = None;
    let mut summary = SummaryRecord::default();
    let mut below = 0usize;
    let stats = pipeline.batch(
        inputs
            .iter()
            .map(|i| i.read.clone())
            .take_while(|_| !stop.load(Ordering::SeqCst)),
        |path, outcome| {
            if stop.load(Ordering::SeqCst) {
                return; // Interrupted: keep what was written, add nothing half-done.
            }
            let path = shown
                .get(path)
                .map_or_else(|| path.display().to_string(), Clone::clone);
            match &outcome {
                Ok(s) if common.fail_under.is_some_and(|min| s.report.score < min) => below += 1,
                _ => {}
            }
            summary.count(&outcome);
            let record = Record::from_outcome(
                Path::new(&path),
                &outcome,
                pipeline.taxonomy(),
                common.redact,
            );
            if let Err(e) = out.record(&mut sink, record) {
                write_failed = Some(e);
                stop.store(true, Ordering::SeqCst);
            }
        },
        |p| {
            if let Some(bar) = &bar {
                bar.set_position(p.done as u64);
                bar.set_message(format!("{} failed", p.failed));
            }
        },
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let Some(e) = write_failed {
        // A closed pipe (`| head`) is a normal way to stop reading; anything else is reported.
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Ok(EXIT_OK);
        }
        return Err(format!("writing output: {e}"));
    }
    let interrupted = stop.load(Ordering::SeqCst);
    let summary = summary.finish(stats.elapsed, interrupted);
    let (written, failures) = (summary.files, summary.failed);
    out.finish(&mut sink, summary).or_else(|e| {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Ok(())
        } else {
            Err(e.to_string())
        }
    })?;
    if !common.quiet {
        if let Some(path) = sink.path() {
            eprintln!("rolefit: wrote {} record(s) to {}", written, path.display());
        }
        if interrupted {
            eprintln!(
                "rolefit: interrupted after {} of {} file(s)",
                written,
                inputs.len()
            );
        }
    }
    Ok(if failures > 0 || below > 0 || interrupted {
        EXIT_FAILURES
    } else {
        EXIT_OK
    })
}

/// The files to score; `-` becomes a temporary file holding standard input.
fn inputs(paths: &[PathBuf]) -> Result<(Vec<Input>, Option<tempfile_guard::TempFile>), String> {
    let mut out = Vec::new();
    let mut stdin_file = None;
    for path in paths {
        if path.as_os_str() == "-" {
            if stdin_file.is_none() {
                let mut text = Vec::new();
                io::stdin()
                    .read_to_end(&mut text)
                    .map_err(|e| format!("reading standard input: {e}"))?;
                stdin_file = Some(
                    tempfile_guard::TempFile::with_contents("stdin.txt", &text)
                        .map_err(|e| e.to_string())?,
                );
            }
            let read = stdin_file
                .as_ref()
                .map(|f| f.path().to_owned())
                .unwrap_or_default();
            out.push(Input {
                shown: "-".to_owned(),
                read,
            });
        } else {
            let files = collect_inputs(std::slice::from_ref(path)).map_err(|e| e.to_string())?;
            out.extend(files.into_iter().map(|f| Input {
                shown: f.display().to_string(),
                read: f,
            }));
        }
    }
    Ok((out, stdin_file))
}

fn progress_bar(common: &Common, total: usize) -> Option<ProgressBar> {
    if common.quiet || !io::stderr().is_terminal() || total < 2 {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("{bar:30} {pos}/{len} files  {per_sec}  eta {eta}  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// Writes records as they arrive (JSON Lines, JSON, CSV) or keeps what the end needs (table, HTML).
struct Output<'a> {
    format: Format,
    common: &'a Common,
    role: String,
    rows: Vec<Row>,
    records: Vec<Record>,
    count: usize,
}

impl<'a> Output<'a> {
    fn new(format: Format, pipeline: &Pipeline, common: &'a Common) -> Output<'a> {
        Output {
            format,
            common,
            role: pipeline.profile().id.clone(),
            rows: Vec::new(),
            records: Vec::new(),
            count: 0,
        }
    }

    fn record(&mut self, sink: &mut Sink, record: Record) -> io::Result<()> {
        let index = self.count;
        self.count += 1;
        match self.format {
            Format::Jsonl => sink.line(&record.to_line()),
            Format::Json => {
                let head = if index == 0 {
                    format!("{{\"schema_version\":{SCHEMA_VERSION},\"results\":[\n")
                } else {
                    ",\n".to_owned()
                };
                sink.block(&format!("{head}{}", record.to_line()))
            }
            Format::Csv => {
                if index == 0 {
                    sink.line("path,score,band,top_gaps,error")?;
                }
                sink.line(&csv_row(&record))
            }
            Format::Html => {
                self.records.push(record);
                Ok(())
            }
            Format::Table | Format::Text => {
                self.rows.push(table_row(index, &record));
                Ok(())
            }
        }
    }

    fn finish(mut self, sink: &mut Sink, summary: SummaryRecord) -> io::Result<()> {
        match self.format {
            Format::Jsonl => sink.line(&Record::Summary(summary).to_line()),
            Format::Json => {
                let head = if self.count == 0 {
                    format!("{{\"schema_version\":{SCHEMA_VERSION},\"results\":[")
                } else {
                    "\n".to_owned()
                };
                let summary = serde_json::to_string(&summary).unwrap_or_default();
                sink.block(&format!("{head}],\"summary\":{summary}}}\n"))
            }
            Format::Csv => Ok(()),
            Format::Html => {
                self.records.push(Record::Summary(summary));
                sink.block(&rolefit::html::render_batch(
                    &self.records,
                    &rolefit::html::HtmlOptions::default(),
                ))
            }
            Format::Table | Format::Text => {
                let color = use_color(self.common, sink);
                sink.block(&render_table(
                    &mut self.rows,
                    &self.role,
                    &summary,
                    self.common.top,
                    color,
                ))
            }
        }
    }
}

fn table_row(index: usize, record: &Record) -> Row {
    match record {
        Record::Result(r) => Row {
            index,
            path: r.path.clone(),
            score: Some(r.score),
            band: serde_json::to_value(r.band)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            detail: r
                .gaps
                .iter()
                .take(3)
                .map(|g| format!("{} (+{:.1})", g.requirement, g.points))
                .collect::<Vec<_>>()
                .join(", "),
        },
        Record::Error(e) => Row {
            index,
            path: e.path.clone(),
            score: None,
            band: "error".to_owned(),
            detail: format!("{}: {}", e.kind, e.message),
        },
        Record::Summary(_) => Row {
            index,
            path: String::new(),
            score: None,
            band: String::new(),
            detail: String::new(),
        },
    }
}

fn csv_row(record: &Record) -> String {
    match record {
        Record::Result(r) => {
            let band = serde_json::to_value(r.band)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let gaps = r
                .gaps
                .iter()
                .take(3)
                .map(|g| g.requirement.clone())
                .collect::<Vec<_>>()
                .join("; ");
            [
                csv_field(&r.path),
                format!("{:.3}", r.score),
                band,
                csv_field(&gaps),
                String::new(),
            ]
            .join(",")
        }
        Record::Error(e) => [
            csv_field(&e.path),
            String::new(),
            String::new(),
            String::new(),
            csv_field(&format!("{}: {}", e.kind, e.message)),
        ]
        .join(","),
        Record::Summary(_) => String::new(),
    }
}

/// Quotes a CSV field when it needs it (RFC 4180), and defuses spreadsheet formulas.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn use_color(common: &Common, sink: &Sink) -> bool {
    match common.color {
        crate::args::Color::Always => true,
        crate::args::Color::Never => false,
        crate::args::Color::Auto => {
            sink.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// The ranked table: scored files by score (ties by input order), then the failures.
fn render_table(
    rows: &mut [Row],
    role: &str,
    summary: &SummaryRecord,
    top: Option<usize>,
    color: bool,
) -> String {
    rows.sort_by_key(|r| {
        (
            r.score.is_none(),
            Reverse(r.score.map(|s| (s * 1000.0).round() as i64)),
            r.index,
        )
    });
    let width = rows
        .iter()
        .map(|r| r.path.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 60);
    let mut out = format!(
        "{:>4}  {:>6}  {:<6}  {:<width$}  top gaps ({role})\n",
        "rank", "score", "band", "file",
    );
    let limit = top.unwrap_or(usize::MAX);
    let mut rank = 0;
    for row in rows.iter() {
        let shown_path = shorten(&row.path, width);
        match row.score {
            Some(score) => {
                rank += 1;
                if rank > limit {
                    continue;
                }
                let band = paint(&format!("{:<6}", row.band), band_color(&row.band), color);
                out.push_str(&format!(
                    "{rank:>4}  {score:>6.1}  {band}  {shown_path:<width$}  {}\n",
                    row.detail
                ));
            }
            None => {
                let band = paint(&format!("{:<6}", row.band), "31", color);
                out.push_str(&format!(
                    "{:>4}  {:>6}  {band}  {shown_path:<width$}  {}\n",
                    "-", "-", row.detail
                ));
            }
        }
    }
    out.push_str(&format!(
        "\n{} file(s): {} scored, {} failed{}\n",
        summary.files,
        summary.scored,
        summary.failed,
        if summary.by_kind.is_empty() {
            String::new()
        } else {
            format!(
                " ({})",
                summary
                    .by_kind
                    .iter()
                    .map(|(k, n)| format!("{k}: {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    ));
    out
}

fn shorten(path: &str, width: usize) -> String {
    let n = path.chars().count();
    if n <= width {
        path.to_owned()
    } else {
        format!("…{}", path.chars().skip(n - width + 1).collect::<String>())
    }
}

fn band_color(band: &str) -> &'static str {
    match band {
        "strong" => "32",
        "good" => "36",
        "fair" => "33",
        _ => "31",
    }
}

fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// A temporary file removed when dropped, for text read from standard input.
mod tempfile_guard {
    use std::path::{Path, PathBuf};

    pub struct TempFile {
        dir: PathBuf,
        path: PathBuf,
    }

    impl TempFile {
        pub fn with_contents(name: &str, bytes: &[u8]) -> std::io::Result<TempFile> {
            let dir = std::env::temp_dir().join(format!("rolefit-{}", std::process::id()));
            std::fs::create_dir_all(&dir)?;
            let path = dir.join(name);
            std::fs::write(&path, bytes)?;
            Ok(TempFile { dir, path })
        }

        pub fn path(&self) -> &Path {
            &self.path
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
