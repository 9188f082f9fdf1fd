-- A table of its own carried along.
CREATE TABLE notes (text TEXT);
INSERT INTO notes VALUES ('hello');
