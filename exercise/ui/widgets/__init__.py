"""The widgets of the session UI, one job each."""
