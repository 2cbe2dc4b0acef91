-- Schema version 7: the time a ballot's count began, during its conference ("10:15:00");
-- unknown (NULL) for the ballots entered before, whose documents then print no time.
ALTER TABLE ballots ADD COLUMN counted_at TEXT;
