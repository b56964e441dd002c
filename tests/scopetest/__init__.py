"""A test-only app with one scoped model per data kind, to test the scoping kernel directly."""
