"""notice-lint: a linter for data-breach and incident notices."""

__version__ = "0.1.0"
