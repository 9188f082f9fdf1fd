"""Screens and dialogs of the session UI."""
