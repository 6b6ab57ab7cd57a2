#!/usr/bin/env bash
# Prints the README's reliability table (Markdown) for the release build of the batch scorer.
#
#   bash fuzz/reliability.sh [--variants N] [-j N] [--work DIR]
#
# Sources: the fixture resumes (baseline), fixtures/broken, generated mutations of every
# fixture PDF and DOCX (tests/support/hostile_corpus.rs), and ../shared/data/pdf-corpus when
# present. See examples/reliability.rs for what each column means.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet -p rolefit --example rolefit
cargo build --release --quiet -p rolefit-tests --example reliability
exec "$target/release/examples/reliability" --rolefit "$target/release/examples/rolefit" "$@"
