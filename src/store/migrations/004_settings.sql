-- Schema version 4: settings of this data file (how many backups to keep, …) as key/value pairs.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('backup_keep', '10');
