"""civiscan: compliance scanner for the repositories of State Startups."""

__version__ = "0.1.0"
