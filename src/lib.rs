//! Workspace root package: owns the end-to-end tests in `tests/` and the benches in `benches/`.
