-- A view: SQL that runs when read.
CREATE VIEW latest AS SELECT * FROM events ORDER BY seq DESC LIMIT 1;
