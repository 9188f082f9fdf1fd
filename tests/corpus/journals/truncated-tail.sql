-- The last events cut off: the chain that is left is intact (only a noted last hash shows this).
DELETE FROM events WHERE seq > 10;
