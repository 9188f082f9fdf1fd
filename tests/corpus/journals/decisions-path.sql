-- The session row names a file to read (meta is not in the chain): it must never be opened.
UPDATE session SET meta = json_set(meta, '$.decisions', '/etc/shadow', '$.auto', NULL, '$.mode', 'play');
