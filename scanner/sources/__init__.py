"""Sources turn targets into snapshots."""
