-- The last event moved far ahead.
UPDATE events SET seq = seq + 1000 WHERE seq = (SELECT max(seq) FROM events);
