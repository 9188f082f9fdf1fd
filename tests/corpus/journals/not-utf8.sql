-- A payload whose bytes are not UTF-8 (a flipped bit in a text).
UPDATE events SET payload = CAST(x'7b2278223a22ff227d' AS TEXT) WHERE seq = 3;
