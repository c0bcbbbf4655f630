"""Stored run documents: read them back, join shards, compare two runs, keep a history."""
