//! End-to-end tests of the bundled batch scorer (`examples/rolefit.rs`): every subcommand and
//! output format on the fixtures, the JSON Lines contract, exit codes, determinism across
//! thread counts, and clean endings on a closed pipe.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

#[path = "support/binary.rs"]
mod binary;

const AS_OF: &str = "2026-06-01";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example binary (see `support/binary.rs`).
fn binary() -> PathBuf {
    binary::rolefit_binary().unwrap_or_else(|e| panic!("{e}"))
}

fn rolefit(args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .current_dir(root())
        .output()
        .expect("run rolefit")
}

fn rolefit_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(binary())
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rolefit");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

fn lines(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

fn resume_files(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| ["pdf", "docx", "txt", "md"].contains(&e.to_str().unwrap()))
        })
        .map(|p| format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    files
}

#[test]
fn score_jsonl_has_one_record_per_file_in_input_order_and_a_summary_that_adds_up() {
    let out = rolefit(&[
        "score",
        "fixtures/resumes",
        "--format",
        "jsonl",
        "--as-of",
        AS_OF,
        "-q",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = lines(&out);
    let expected = resume_files("fixtures/resumes");
    let (summary, files) = records.split_last().unwrap();
    let paths: Vec<&str> = files.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(paths, expected, "one record per file, in input order");
    for r in files {
        assert_eq!(r["type"], "result", "{r}");
        assert_eq!(r["schema_version"], 1);
        assert_eq!(r["role"], "ml-engineer");
        let score = r["score"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&score));
        for key in [
            "band",
            "categories",
            "skills",
            "requirements",
            "gaps",
            "diagnostics",
            "stamp",
        ] {
            assert!(r.get(key).is_some(), "{key} missing in {}", r["path"]);
        }
        for skill in r["skills"].as_array().unwrap() {
            for key in [
                "id",
                "name",
                "category",
                "implied",
                "months",
                "last_used",
                "mentions",
            ] {
                assert!(
                    skill.get(key).is_some(),
                    "skill field {key} missing: {skill}"
                );
            }
            for m in skill["mentions"].as_array().unwrap() {
                for key in ["start", "end", "text", "section", "method", "confidence"] {
                    assert!(m.get(key).is_some(), "mention field {key} missing: {m}");
                }
            }
        }
        for gap in r["gaps"].as_array().unwrap() {
            for key in ["requirement", "skills", "points", "stage"] {
                assert!(gap.get(key).is_some(), "gap field {key} missing: {gap}");
            }
        }
        assert_eq!(r["stamp"]["as_of"], "2026-06");
    }
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["files"].as_u64().unwrap() as usize, expected.len());
    assert_eq!(
        summary["scored"].as_u64().unwrap() + summary["failed"].as_u64().unwrap(),
        expected.len() as u64
    );
}

#[test]
fn mention_offsets_point_into_the_text_that_extract_prints() {
    let file = "fixtures/resumes/ml-engineer-senior.txt";
    let scored = lines(&rolefit(&[
        "score", file, "--format", "jsonl", "--as-of", AS_OF,
    ]));
    let extracted: Value = serde_json::from_str(&stdout(&rolefit(&[
        "extract", file, "--format", "json", "--as-of", AS_OF,
    ])))
    .unwrap();
    let text = extracted["text"].as_str().unwrap();
    let mut checked = 0;
    for skill in scored[0]["skills"].as_array().unwrap() {
        for m in skill["mentions"].as_array().unwrap() {
            let (start, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[start..end], m["text"].as_str().unwrap());
            checked += 1;
        }
    }
    assert!(checked > 10, "only {checked} mentions");
}

fn without_elapsed(out: &Output) -> String {
    stdout(out)
        .lines()
        .map(|l| {
            if l.contains("\"type\":\"summary\"") {
                l.split("\"elapsed_ms\"").next().unwrap()
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn output_is_byte_identical_for_one_and_two_threads() {
    let one = rolefit(&[
        "score",
        "fixtures/resumes",
        "--format",
        "jsonl",
        "--as-of",
        AS_OF,
        "-j",
        "1",
    ]);
    let two = rolefit(&[
        "score",
        "fixtures/resumes",
        "--format",
        "jsonl",
        "--as-of",
        AS_OF,
        "-j",
        "2",
    ]);
    assert_eq!(without_elapsed(&one), without_elapsed(&two));
    let t1 = rolefit(&["score", "fixtures/resumes", "--as-of", AS_OF, "-j", "1"]);
    let t2 = rolefit(&["score", "fixtures/resumes", "--as-of", AS_OF, "-j", "2"]);
    assert_eq!(stdout(&t1), stdout(&t2));
}

/// A fresh temporary folder named after `name` holding copies of fixtures as `(fixture, file name)`.
fn folder_of(name: &str, fixtures: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolefit-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (fixture, file) in fixtures {
        std::fs::copy(root().join(fixture), dir.join(file)).unwrap();
    }
    dir
}

#[test]
fn a_folder_mixing_good_and_broken_files_gives_one_record_each_and_exit_1() {
    let dir = folder_of(
        "mixed",
        &[
            ("fixtures/resumes/data-engineer.txt", "a-good.txt"),
            ("fixtures/resumes/nurse.lo.pdf", "b-good.pdf"),
        ],
    );
    std::fs::write(dir.join("c-empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("d-random.pdf"),
        (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    std::fs::write(
        dir.join("e-truncated.pdf"),
        &std::fs::read(root().join("fixtures/resumes/nurse.lo.pdf")).unwrap()[..700],
    )
    .unwrap();
    let out = rolefit(&[
        "score",
        dir.to_str().unwrap(),
        "--format",
        "jsonl",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let records = lines(&out);
    let kinds: Vec<(String, String)> = records[..records.len() - 1]
        .iter()
        .map(|r| {
            (
                Path::new(r["path"].as_str().unwrap())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                r["type"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let names: Vec<&str> = kinds.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "a-good.txt",
            "b-good.pdf",
            "c-empty.txt",
            "d-random.pdf",
            "e-truncated.pdf"
        ]
    );
    assert_eq!(kinds[0].1, "result");
    assert_eq!(kinds[1].1, "result");
    for (name, kind) in &kinds[2..] {
        assert_eq!(kind, "error", "{name}");
    }
    for r in &records[2..records.len() - 1] {
        assert!(
            !r["kind"].as_str().unwrap().is_empty() && !r["message"].as_str().unwrap().is_empty(),
            "{r}"
        );
    }
    let summary = records.last().unwrap();
    assert_eq!(
        (
            summary["files"].as_u64(),
            summary["scored"].as_u64(),
            summary["failed"].as_u64()
        ),
        (Some(5), Some(2), Some(3))
    );
    let by_kind: u64 = summary["by_kind"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_kind, 3);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_output_format_of_score_works() {
    let table = rolefit(&["score", "fixtures/resumes", "--as-of", AS_OF, "--top", "3"]);
    let text = stdout(&table);
    assert!(text.starts_with("rank"), "{text}");
    let rows = text.lines().skip(1).take_while(|l| !l.is_empty());
    assert_eq!(
        rows.filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .count(),
        3,
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour when piped");

    let json: Value = serde_json::from_str(&stdout(&rolefit(&[
        "score",
        "fixtures/resumes",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(
        json["results"].as_array().unwrap().len(),
        resume_files("fixtures/resumes").len()
    );
    assert!(json["summary"]["files"].is_u64());

    let csv = stdout(&rolefit(&[
        "score",
        "fixtures/resumes",
        "--as-of",
        AS_OF,
        "--format",
        "csv",
    ]));
    assert_eq!(csv.lines().next(), Some("path,score,band,top_gaps,error"));
    assert_eq!(
        csv.lines().count(),
        resume_files("fixtures/resumes").len() + 1
    );

    let html = stdout(&rolefit(&[
        "score",
        "fixtures/resumes",
        "--as-of",
        AS_OF,
        "--format",
        "html",
    ]));
    assert!(
        html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"),
        "{}",
        &html[..80.min(html.len())]
    );
    assert!(!html.contains("<script src") && !html.contains("<link"));
}

#[test]
fn output_file_holds_whole_lines() {
    let path = std::env::temp_dir().join(format!("rolefit-out-{}.jsonl", std::process::id()));
    let out = rolefit(&[
        "score",
        "fixtures/resumes",
        "--as-of",
        AS_OF,
        "--format",
        "jsonl",
        "-o",
        path.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.ends_with('\n'));
    assert_eq!(
        written.lines().count(),
        resume_files("fixtures/resumes").len() + 1
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn explain_extract_and_skills_show_their_parts() {
    let file = "fixtures/resumes/ml-engineer-senior.txt";
    let explain = stdout(&rolefit(&["explain", file, "--as-of", AS_OF]));
    assert!(explain.to_lowercase().contains("gap"), "{explain}");
    let explain_json: Value = serde_json::from_str(&stdout(&rolefit(&[
        "explain", file, "--as-of", AS_OF, "--format", "json",
    ])))
    .unwrap();
    assert!(explain_json["explanation"].is_object());

    let extract = stdout(&rolefit(&["extract", file, "--as-of", AS_OF]));
    for part in [
        "sections:",
        "contact:",
        "positions",
        "education:",
        "diagnostics:",
    ] {
        assert!(extract.contains(part), "{part} missing");
    }

    let skills = stdout(&rolefit(&["skills", file, "--as-of", AS_OF]));
    assert!(skills.contains("[pytorch]"), "{skills}");
    let why = stdout(&rolefit(&[
        "skills",
        "fixtures/resumes/go-developer.txt",
        "--why",
        "Go",
        "--as-of",
        AS_OF,
    ]));
    assert!(why.contains("[go]"), "{why}");

    let out = rolefit_stdin(
        &["skills", "-", "--as-of", AS_OF],
        "Skills: Python, PyTorch, Kubernetes\n",
    );
    assert!(stdout(&out).contains("[kubernetes]"), "{}", stdout(&out));
}

#[test]
fn roles_profiles_and_taxonomy_subcommands() {
    let roles = stdout(&rolefit(&["roles"]));
    for id in [
        "ml-engineer",
        "applied-scientist",
        "ai-platform-engineer",
        "llm-engineer",
        "computer-vision-engineer",
        "recsys-engineer",
        "data-scientist",
        "data-engineer",
    ] {
        assert!(roles.contains(id), "{id} missing from {roles}");
    }
    let shown = rolefit(&["profile", "show", "data-engineer"]);
    let profile_path =
        std::env::temp_dir().join(format!("rolefit-profile-{}.toml", std::process::id()));
    std::fs::write(&profile_path, &shown.stdout).unwrap();
    let valid = rolefit(&["profile", "validate", profile_path.to_str().unwrap()]);
    assert_eq!(
        valid.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&valid.stderr)
    );
    let scored = rolefit(&[
        "score",
        "fixtures/resumes/data-engineer.txt",
        "--role",
        profile_path.to_str().unwrap(),
        "--format",
        "jsonl",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(lines(&scored)[0]["role"], "data-engineer");
    std::fs::remove_file(&profile_path).unwrap();

    let derived = rolefit(&["profile", "from-jd", "fixtures/jobs/llm-engineer.txt", "-q"]);
    assert_eq!(
        derived.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&derived.stderr)
    );
    assert!(stdout(&derived).contains("requirements"));
    let jd = rolefit(&[
        "score",
        "fixtures/resumes/llm-engineer.txt",
        "--jd",
        "fixtures/jobs/llm-engineer.txt",
        "--as-of",
        AS_OF,
        "--format",
        "jsonl",
    ]);
    assert_eq!(
        jd.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&jd.stderr)
    );

    let stats = stdout(&rolefit(&["taxonomy", "stats"]));
    assert!(stats.contains("skills:"), "{stats}");
    let export = rolefit(&["taxonomy", "export"]);
    let exported: Value = serde_json::from_slice(&export.stdout).unwrap();
    assert!(exported.is_object());
    let extra = std::env::temp_dir().join(format!("rolefit-tax-{}.toml", std::process::id()));
    std::fs::write(
        &extra,
        "[[skill]]\nid = \"acme-forge\"\nname = \"AcmeForge\"\ncategory = \"mlops\"\n",
    )
    .unwrap();
    let valid = rolefit(&["taxonomy", "validate", extra.to_str().unwrap()]);
    assert_eq!(
        valid.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&valid.stderr)
    );
    let text = "Skills: Python, AcmeForge, Airflow\n";
    let with = stdout(&rolefit_stdin(
        &["skills", "-", "--taxonomy", extra.to_str().unwrap()],
        text,
    ));
    assert!(
        with.contains("[acme-forge]") && with.contains("[python]"),
        "{with}"
    );
    let without = stdout(&rolefit_stdin(&["skills", "-"], text));
    assert!(
        !without.contains("[acme-forge]") && without.contains("[python]"),
        "{without}"
    );
    std::fs::remove_file(&extra).unwrap();
}

#[test]
fn configuration_errors_exit_2_with_a_message_naming_the_problem() {
    let cases: [(&[&str], &str); 7] = [
        (
            &["score", "fixtures/resumes", "--role", "astronaut"],
            "astronaut",
        ),
        (
            &["score", "fixtures/resumes", "--as-of", "2999-01-01"],
            "future",
        ),
        (
            &["score", "fixtures/resumes", "--as-of", "01/02/2026"],
            "YYYY-MM-DD",
        ),
        (
            &["score", "fixtures/resumes", "--as-of", "2023-02-29"],
            "YYYY-MM-DD",
        ),
        (&["score", "no/such/folder"], "no/such/folder"),
        (
            &["score", "fixtures/resumes", "--threads", "100000"],
            "--threads",
        ),
        (&["score"], "PATHS"),
    ];
    for (args, needle) in cases {
        let out = rolefit(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(needle),
            "{args:?}: {err:?} should mention {needle:?}"
        );
        assert!(out.stdout.is_empty(), "{args:?} scored something");
    }
    let bad = std::env::temp_dir().join(format!("rolefit-bad-{}.toml", std::process::id()));
    std::fs::write(
        &bad,
        "id = \"x\"\ntitle = \"X\"\n[[requirements]]\nskill = \"no-such-skill\"\n",
    )
    .unwrap();
    let out = rolefit(&["score", "fixtures/resumes", "--role", bad.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(bad.to_str().unwrap()), "names the file: {err}");
    std::fs::write(&bad, "[[skill]]\nid = \"x\"\nname = \"\"\n").unwrap();
    let out = rolefit(&[
        "score",
        "fixtures/resumes",
        "--taxonomy",
        bad.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(bad.to_str().unwrap()) && err.contains(":3"),
        "names the file and line: {err}"
    );
    std::fs::remove_file(&bad).unwrap();
}

#[test]
fn fail_under_and_redact() {
    let out = rolefit(&[
        "score",
        "fixtures/resumes/accountant.txt",
        "--fail-under",
        "50",
        "--as-of",
        AS_OF,
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let out = rolefit(&[
        "score",
        "fixtures/resumes/ml-engineer-senior.txt",
        "--redact",
        "--format",
        "jsonl",
        "--as-of",
        AS_OF,
    ]);
    let text = stdout(&out);
    let sidecar: toml::Value = toml::from_str(
        &std::fs::read_to_string(root().join("fixtures/resumes/ml-engineer-senior.expected.toml"))
            .unwrap(),
    )
    .unwrap();
    for email in sidecar["emails"].as_array().unwrap() {
        assert!(!text.contains(email.as_str().unwrap()), "email leaked");
    }
}

#[test]
fn a_closed_pipe_ends_the_batch_cleanly() {
    let mut child = Command::new(binary())
        .args([
            "score",
            "fixtures/resumes",
            "--format",
            "jsonl",
            "--as-of",
            AS_OF,
            "-j",
            "1",
        ])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"type\":\"result\""), "{first}");
    // The reader is dropped here: the pipe closes while the batch is still running.
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}

#[test]
fn help_and_version() {
    let help = stdout(&rolefit(&["--help"]));
    let commands: BTreeSet<&str> = [
        "score", "explain", "extract", "skills", "roles", "profile", "taxonomy",
    ]
    .into();
    for c in commands {
        assert!(help.contains(c), "{c} missing from --help");
    }
    assert!(!help.contains("__worker"));
    assert!(stdout(&rolefit(&["--version"])).starts_with("rolefit "));
}

#[test]
fn worker_isolation_turns_memory_exhaustion_and_timeouts_into_records() {
    let dir = folder_of(
        "isolate",
        &[
            ("fixtures/broken/flate-bomb.pdf", "a-bomb.pdf"),
            ("fixtures/resumes/nurse.lo.pdf", "b-good.pdf"),
            ("fixtures/resumes/nurse.txt", "c-good.txt"),
        ],
    );
    let kinds = |args: &[&str]| -> Vec<String> {
        let mut all = vec![
            "score",
            dir.to_str().unwrap(),
            "--format",
            "jsonl",
            "--as-of",
            AS_OF,
        ];
        all.extend_from_slice(args);
        let out = rolefit(&all);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let records = lines(&out);
        records[..records.len() - 1]
            .iter()
            .map(|r| r["kind"].as_str().unwrap_or("result").to_owned())
            .collect()
    };
    // 160 MiB inflated from a 160 KiB stream: the worker hits its cap and dies; the next
    // PDF gets a fresh worker.
    assert_eq!(
        kinds(&["--worker-memory", "128"]),
        ["too_large", "result", "result"]
    );
    // No PDF can be read in a millisecond: both workers are stopped, text is read in process.
    assert_eq!(
        kinds(&["--timeout-per-file", "0.001"]),
        ["timeout", "timeout", "result"]
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_keeps_whole_lines_and_marks_the_summary_interrupted() {
    let path = std::env::temp_dir().join(format!("rolefit-int-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let child = Command::new(binary())
        .args([
            "score",
            "fixtures/resumes",
            "fixtures/resumes",
            "fixtures/resumes",
            "--format",
            "jsonl",
            "-j",
            "1",
            "-q",
        ])
        .args(["--as-of", AS_OF, "-o", path.to_str().unwrap()])
        .current_dir(root())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while std::fs::read_to_string(&path).map_or(0, |t| t.lines().count()) < 3 {
        assert!(started.elapsed().as_secs() < 120, "no output");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.ends_with('\n'), "no half line");
    let records: Vec<Value> = written
        .lines()
        .map(|l| serde_json::from_str(l).expect("whole JSON line"))
        .collect();
    let summary = records.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["interrupted"], true);
    assert_eq!(
        summary["files"].as_u64().unwrap() as usize,
        records.len() - 1,
        "the summary counts what was written"
    );
    assert!(
        records.len() - 1 < 3 * resume_files("fixtures/resumes").len(),
        "stopped early"
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn max_bytes_and_color_flags() {
    let out = rolefit(&[
        "score",
        "fixtures/resumes/nurse.txt",
        "--max-bytes",
        "100",
        "--format",
        "jsonl",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out)[0]["kind"], "too_large");
    let plain = stdout(&rolefit(&[
        "score",
        "fixtures/resumes/nurse.txt",
        "--as-of",
        AS_OF,
    ]));
    let colored = stdout(&rolefit(&[
        "score",
        "fixtures/resumes/nurse.txt",
        "--as-of",
        AS_OF,
        "--color",
        "always",
    ]));
    assert!(
        !plain.contains('\x1b') && colored.contains("\x1b[31m"),
        "{colored:?}"
    );
}

#[test]
fn csv_quotes_fields_and_defuses_formulas() {
    let dir = folder_of(
        "csv",
        &[
            ("fixtures/resumes/nurse.txt", "Doe, Jane \"RN\".txt"),
            ("fixtures/resumes/nurse.txt", "=HYPERLINK(1).txt"),
        ],
    );
    let out = Command::new(binary())
        .args([
            "score",
            "Doe, Jane \"RN\".txt",
            "=HYPERLINK(1).txt",
            "--format",
            "csv",
            "--as-of",
            AS_OF,
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    let csv = stdout(&out);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(
        rows[1].starts_with("\"Doe, Jane \"\"RN\"\".txt\","),
        "{csv}"
    );
    assert!(rows[2].starts_with("'=HYPERLINK(1).txt,"), "{csv}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_as_of_date_on_a_leap_day_is_accepted() {
    let out = rolefit(&[
        "score",
        "fixtures/resumes/nurse.txt",
        "--as-of",
        "2024-02-29",
        "--format",
        "jsonl",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(lines(&out)[0]["stamp"]["as_of"], "2024-02");
}

/// Runs rolefit on a pseudo-terminal (util-linux `script`) and returns what the terminal showed.
fn on_terminal(args: &str) -> Option<String> {
    let which = Command::new("script").arg("--version").output().ok()?;
    if !which.status.success() {
        return None;
    }
    let command = format!("{} {args}", binary().display());
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(root())
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_progress_bar_shows_on_a_terminal_only_and_not_with_quiet() {
    let out = std::env::temp_dir().join(format!("rolefit-bar-{}.jsonl", std::process::id()));
    let args = format!("score fixtures/resumes/nurse.txt fixtures/resumes/accountant.txt fixtures/resumes/sales-manager.txt --format jsonl -o {}", out.display());
    let Some(shown) = on_terminal(&args) else {
        println!("notice: `script` (util-linux) is not installed; progress bar test skipped");
        return;
    };
    assert!(
        shown.contains("/3 files") && shown.contains("failed"),
        "{shown:?}"
    );
    let quiet = on_terminal(&format!("{args} -q")).unwrap();
    assert!(!quiet.contains("files"), "{quiet:?}");
    let piped = rolefit(&[
        "score",
        "fixtures/resumes/nurse.txt",
        "fixtures/resumes/accountant.txt",
        "--format",
        "jsonl",
    ]);
    assert!(!String::from_utf8_lossy(&piped.stderr).contains("files"));
    std::fs::remove_file(&out).unwrap();
}

#[test]
fn no_arguments_show_the_help_and_succeed() {
    let out = rolefit(&[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Usage"), "{}", stdout(&out));
}
