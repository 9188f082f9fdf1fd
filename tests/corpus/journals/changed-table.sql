-- A column added to the events table.
ALTER TABLE events ADD COLUMN note TEXT;
