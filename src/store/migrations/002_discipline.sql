-- Schema version 2: units under discipline in a year (their award proposals are deferred).
CREATE TABLE discipline (
    year INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    PRIMARY KEY (year, unit_id)
);
