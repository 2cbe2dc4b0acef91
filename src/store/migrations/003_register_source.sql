-- Schema version 3: the register remembers which record a number was given to ("minutes:12"),
-- so that exporting the same document again keeps its number.
ALTER TABLE register ADD COLUMN source TEXT NOT NULL DEFAULT '';
CREATE INDEX register_source ON register(source) WHERE source <> '';
