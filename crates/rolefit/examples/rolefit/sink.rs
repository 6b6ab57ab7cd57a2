//! Where output goes: whole lines only, so an interrupted run never leaves half a record.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// An output destination that writes each record as one complete line.
pub struct Sink {
    out: Box<dyn Write>,
    path: Option<PathBuf>,
    terminal: bool,
}

impl Sink {
    /// Stdout, or the file at `path` (created or truncated).
    pub fn open(path: Option<&Path>) -> io::Result<Sink> {
        Ok(match path {
            Some(p) => Sink {
                out: Box::new(
                    File::create(p)
                        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", p.display())))?,
                ),
                path: Some(p.to_owned()),
                terminal: false,
            },
            None => Sink {
                out: Box::new(io::stdout()),
                path: None,
                terminal: io::stdout().is_terminal(),
            },
        })
    }

    /// Returns true if and only if output goes to a terminal.
    pub fn is_terminal(&self) -> bool {
        self.terminal
    }

    /// The output file, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Writes `text` plus a newline in a single write and flushes it.
    pub fn line(&mut self, text: &str) -> io::Result<()> {
        let mut buf = String::with_capacity(text.len() + 1);
        buf.push_str(text);
        buf.push('\n');
        self.out.write_all(buf.as_bytes())?;
        self.out.flush()
    }

    /// Writes a block of text as it is (it should end with a newline) and flushes it.
    pub fn block(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(text.as_bytes())?;
        self.out.flush()
    }
}
