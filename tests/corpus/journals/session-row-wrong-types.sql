-- The session row's speed stored as text.
UPDATE session SET speed = 'fast';
