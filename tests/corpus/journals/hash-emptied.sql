-- An event's hash emptied.
UPDATE events SET hash = '' WHERE seq = 7;
