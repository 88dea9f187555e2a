"""The test suite (a regular package, so that `tests.*` helpers win over any installed `tests`)."""
