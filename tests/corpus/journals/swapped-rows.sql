-- Two events put in the other order (rows moved, hashes kept with them).
UPDATE events SET seq = -1 WHERE seq = 4;
UPDATE events SET seq = 4 WHERE seq = 5;
UPDATE events SET seq = 5 WHERE seq = -1;
