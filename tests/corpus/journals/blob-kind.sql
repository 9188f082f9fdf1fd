-- A kind stored as bytes instead of text.
UPDATE events SET kind = x'00ff' WHERE seq = 2;
