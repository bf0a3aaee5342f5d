"""HTTP in front of the same library functions the CLI calls."""
