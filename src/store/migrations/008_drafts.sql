-- Schema version 8: documents as the secretariat edited them before signing. One draft per record
-- a document is made from (its register source: "minutes:12", "proposal:2022", "pledge:2022"),
-- stored as the documents layer's JSON. Once issued (numbered and signed) a draft is frozen:
-- printing it again gives the same pages, whatever changes in the data.
CREATE TABLE drafts (
    source TEXT PRIMARY KEY CHECK (source <> ''),
    year INTEGER NOT NULL,
    draft TEXT NOT NULL,
    issued INTEGER NOT NULL DEFAULT 0 CHECK (issued IN (0, 1)),
    saved_at TEXT NOT NULL
);
CREATE INDEX drafts_year ON drafts(year);
