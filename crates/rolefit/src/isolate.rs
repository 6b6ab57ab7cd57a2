//! Extraction in worker processes, so that one hostile file cannot take the batch down.
//!
//! `catch_unwind` contains panics, but not an `abort`, a stack overflow, an endless loop or
//! an allocation without bound — lopdf (under the PDF engine) has such paths on crafted
//! files. A [`WorkerPool`] runs extraction in child processes instead: each child serves one
//! request at a time over its stdin/stdout, under a memory cap (`RLIMIT_AS`) it sets on
//! itself, and the parent enforces a wall-clock budget per file. A child that dies or runs out
//! of time becomes that file's error (`crashed`, `timeout`, `too_large`) and is replaced by a
//! fresh one; the batch goes on.
//!
//! The child is any program that calls [`serve`] — the bundled binary re-executes itself
//! with a hidden `__worker` argument.

use std::fmt;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use rolefit_extract::{Document, Error, ErrorKind, Extractor};
use serde::{Deserialize, Serialize};

/// One request from the parent: the file to extract.
#[derive(Serialize, Deserialize)]
struct Request {
    path: PathBuf,
}

/// One answer from a worker.
#[derive(Serialize, Deserialize)]
enum Response {
    Ok(Box<Document>),
    Err { kind: ErrorKind, message: String },
}

/// How workers are started and bounded.
#[derive(Clone, Debug)]
pub struct WorkerConfig {
    /// The worker command (program and arguments); it must call [`serve`].
    pub program: PathBuf,
    /// Arguments that put the program into worker mode.
    pub args: Vec<String>,
    /// Wall-clock budget per file (default 10 s).
    pub timeout: Duration,
    /// Address-space cap per worker in bytes (default 2 GiB), applied by the worker on itself.
    pub memory_cap: u64,
}

impl WorkerConfig {
    /// A config that runs `program args…` with the default budget and memory cap.
    pub fn new(program: impl Into<PathBuf>, args: Vec<String>) -> WorkerConfig {
        WorkerConfig {
            program: program.into(),
            args,
            timeout: Duration::from_secs(10),
            memory_cap: 2 << 30,
        }
    }
}

/// Environment variable through which the parent tells a worker its memory cap.
const MEMORY_CAP_ENV: &str = "ROLEFIT_WORKER_MEMORY_CAP";

/// A running worker: its process, its request pipe, and a channel of its answer lines.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<io::Result<String>>,
    stderr_tail: Arc<Mutex<Vec<u8>>>,
}

impl Worker {
    fn spawn(config: &WorkerConfig) -> io::Result<Worker> {
        let mut child = Command::new(&config.program)
            .args(&config.args)
            .env(MEMORY_CAP_ENV, config.memory_cap.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let end = line.is_err();
                if tx.send(line).is_err() || end {
                    break;
                }
            }
        });
        let stderr_tail = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr_tail);
        thread::spawn(move || keep_tail(stderr, &tail));
        Ok(Worker {
            child,
            stdin,
            lines,
            stderr_tail,
        })
    }

    /// Sends one request and waits for its answer within `timeout`.
    fn extract(&mut self, path: &Path, timeout: Duration) -> Result<Document, Failure> {
        let mut line = serde_json::to_string(&Request {
            path: path.to_owned(),
        })
        .map_err(|e| Failure::Protocol(e.to_string()))?;
        line.push('\n');
        if self
            .stdin
            .write_all(line.as_bytes())
            .and_then(|()| self.stdin.flush())
            .is_err()
        {
            return Err(Failure::Died);
        }
        match self.lines.recv_timeout(timeout) {
            Ok(Ok(answer)) => match serde_json::from_str(&answer) {
                Ok(Response::Ok(doc)) => Ok(*doc),
                Ok(Response::Err { kind, message }) => {
                    Err(Failure::Extract(Error::new(kind, message)))
                }
                Err(e) => Err(Failure::Protocol(e.to_string())),
            },
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(Failure::Died),
            Err(RecvTimeoutError::Timeout) => Err(Failure::Timeout),
        }
    }

    /// Kills the worker and describes how it ended: its exit status and the last thing it
    /// said on stderr that is not backtrace boilerplate.
    fn kill(mut self) -> Death {
        let _ = self.child.kill();
        let status = self.child.wait().map(|s| s.to_string()).unwrap_or_default();
        // Give the stderr reader a moment to collect the last words.
        thread::sleep(Duration::from_millis(20));
        let tail = self
            .stderr_tail
            .lock()
            .map(|t| String::from_utf8_lossy(&t).into_owned())
            .unwrap_or_default();
        let said = tail
            .lines()
            .map(str::trim)
            .rfind(|l| {
                !l.is_empty() && !l.starts_with("note:") && !l.starts_with("stack backtrace")
            })
            .unwrap_or("")
            .to_owned();
        Death {
            out_of_memory: tail.contains("memory allocation of"),
            status,
            said,
        }
    }
}

/// How a worker ended.
struct Death {
    /// The allocator gave up: the memory cap was reached.
    out_of_memory: bool,
    /// Exit status in words.
    status: String,
    /// Its last words on stderr.
    said: String,
}

impl fmt::Display for Death {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.said.is_empty() {
            f.write_str(&self.status)
        } else {
            write!(f, "{}: {}", self.status, self.said)
        }
    }
}

/// Keeps the last 4 KiB a worker wrote to stderr.
fn keep_tail(mut stderr: impl Read, tail: &Mutex<Vec<u8>>) {
    let mut buf = [0u8; 1024];
    while let Ok(n) = stderr.read(&mut buf) {
        if n == 0 {
            break;
        }
        if let Ok(mut t) = tail.lock() {
            t.extend_from_slice(&buf[..n]);
            let excess = t.len().saturating_sub(4096);
            t.drain(..excess);
        }
    }
}

enum Failure {
    Extract(Error),
    Timeout,
    Died,
    Protocol(String),
}

/// A pool of extraction workers, shared by the threads of a batch.
#[derive(Debug)]
pub struct WorkerPool {
    config: WorkerConfig,
    idle: Mutex<Vec<Worker>>,
}

impl fmt::Debug for Worker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Worker")
            .field("pid", &self.child.id())
            .finish()
    }
}

impl WorkerPool {
    /// Creates a pool; workers are started on first use and replaced when they die.
    pub fn new(config: WorkerConfig) -> WorkerPool {
        WorkerPool {
            config,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// The pool's configuration.
    pub fn config(&self) -> &WorkerConfig {
        &self.config
    }

    /// Extracts `path` in a worker. Never panics; a dead or late worker becomes an error of
    /// kind `crashed`, `timeout` or `too_large` (memory cap), and is replaced.
    pub fn extract(&self, path: &Path) -> Result<Document, Error> {
        let taken = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut worker = match taken {
            Some(w) => w,
            None => Worker::spawn(&self.config).map_err(|e| {
                Error::new(
                    ErrorKind::Crashed,
                    format!("could not start an extraction worker: {e}"),
                )
                .with_path(path)
            })?,
        };
        let outcome = worker.extract(path, self.config.timeout);
        let error = match outcome {
            Ok(doc) => {
                self.give_back(worker);
                return Ok(doc);
            }
            Err(Failure::Extract(e)) => {
                self.give_back(worker);
                return Err(e.with_path(path));
            }
            Err(Failure::Timeout) => {
                worker.kill();
                Error::new(
                    ErrorKind::Timeout,
                    format!(
                        "extraction took longer than {:?}; the worker was stopped",
                        self.config.timeout
                    ),
                )
            }
            Err(Failure::Died) => {
                let death = worker.kill();
                if death.out_of_memory {
                    Error::new(
                        ErrorKind::TooLarge,
                        format!(
                            "extraction exceeded the worker memory cap of {} MiB ({death})",
                            self.config.memory_cap >> 20
                        ),
                    )
                } else {
                    Error::new(
                        ErrorKind::Crashed,
                        format!("the extraction worker died ({death})"),
                    )
                }
            }
            Err(Failure::Protocol(e)) => {
                worker.kill();
                Error::new(
                    ErrorKind::Crashed,
                    format!("the extraction worker gave an unreadable answer: {e}"),
                )
            }
        };
        Err(error.with_path(path))
    }

    fn give_back(&self, worker: Worker) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(worker);
        }
    }
}

impl Drop for WorkerPool {
    fn drop(&mut self) {
        if let Ok(idle) = self.idle.get_mut() {
            for w in idle.drain(..) {
                w.kill();
            }
        }
    }
}

/// The worker side: applies the memory cap the parent asked for, then answers extraction
/// requests from stdin on stdout until stdin closes.
pub fn serve(extractor: &Extractor) -> io::Result<()> {
    if let Some(cap) = std::env::var(MEMORY_CAP_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
    {
        limit_address_space(cap);
    }
    let stdin = io::stdin().lock();
    let mut stdout = io::stdout().lock();
    for line in stdin.lines() {
        let line = line?;
        let response = match serde_json::from_str::<Request>(&line) {
            Ok(req) => match extractor.extract_path(&req.path) {
                Ok(doc) => Response::Ok(Box::new(doc)),
                Err(e) => Response::Err {
                    kind: e.kind(),
                    message: e.message().to_owned(),
                },
            },
            Err(e) => Response::Err {
                kind: ErrorKind::Malformed,
                message: format!("bad request: {e}"),
            },
        };
        let mut out = serde_json::to_string(&response).map_err(io::Error::other)?;
        out.push('\n');
        stdout.write_all(out.as_bytes())?;
        stdout.flush()?;
    }
    Ok(())
}

/// Caps this process's address space at `bytes` (Unix; a no-op elsewhere).
#[cfg(unix)]
#[allow(unsafe_code)]
fn limit_address_space(bytes: u64) {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit reads a valid, initialised struct and has no other effect on memory.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

#[cfg(not(unix))]
fn limit_address_space(_bytes: u64) {}
