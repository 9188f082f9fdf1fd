"""Seats: participants playing from their own machines, through a host.

The host is the one process that runs a session and writes its journal; each seat (a
player's role panel, a second facilitator, an evaluator, a projector) talks to it over a
websocket. The host authenticates a seat by its join code, sets the actor and seat kind of
every command it sends (the engine then decides what that seat may do), computes what each
seat may see, and tells a player seat one neutral reason for any refusal. See docs/seats.md.
"""
