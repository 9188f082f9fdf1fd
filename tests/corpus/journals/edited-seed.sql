-- The session row's seed changed: the first event no longer follows from it.
UPDATE session SET seed = seed + 1;
