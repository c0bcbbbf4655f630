"""Licences: detection in texts, notices, declared licences, REUSE headers, dependency licences."""
