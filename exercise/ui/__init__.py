"""The terminal UI: facilitator console and role-player panels on a live session.

State lives in the core (`exercise.sim`); the widgets here render it after every batch
of committed events and send commands through the realtime driver.
"""
