-- An event inserted between two others: a copy of event 8, hashes and all, as event 9.
UPDATE events SET seq = seq + 1000 WHERE seq > 8;
UPDATE events SET seq = seq - 999 WHERE seq > 1000;
INSERT INTO events SELECT 9, t, wall, kind, actor, payload, prev_hash, hash FROM events WHERE seq = 8;
