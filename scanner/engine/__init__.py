"""Rules as data: load and validate rule files, evaluate them on a facts document."""
