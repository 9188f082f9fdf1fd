-- An embarrassing event removed.
DELETE FROM events WHERE seq = 6;
