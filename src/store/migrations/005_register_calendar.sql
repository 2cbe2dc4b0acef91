-- Schema version 5: document numbers follow the calendar year of the document's date (Nghị định 30,
-- Điều 15), not the bloc's emulation year. `year` stays the emulation year whose record the document
-- belongs to; the series is the year of `issued_on`. Two documents of one emulation year can then
-- share a type and a number (01/BB of 15/07/2020 and 01/BB of 06/01/2021), so the key
-- (year, doc_type, number) goes; what stays unique is the number within both years. Numbers issued
-- before this version are kept as they were signed.
CREATE TABLE register_v5 (
    year INTEGER NOT NULL,
    doc_type TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    title TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT ''
);
INSERT INTO register_v5 (year, doc_type, number, title, issued_on, source)
    SELECT year, doc_type, number, title, issued_on, source FROM register;
DROP TABLE register;
ALTER TABLE register_v5 RENAME TO register;
CREATE UNIQUE INDEX register_number ON register(year, substr(issued_on, 1, 4), doc_type, number);
CREATE INDEX register_series ON register(substr(issued_on, 1, 4), number);
CREATE INDEX register_source ON register(source) WHERE source <> '';
