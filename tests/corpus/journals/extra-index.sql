-- An index exercise does not make.
CREATE INDEX by_kind ON events (kind);
