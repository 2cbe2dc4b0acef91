-- Schema version 1 of a Khối Thi Đua data file. Dates are ISO text (YYYY-MM-DD), times HH:MM:SS,
-- points are integer hundredths, money is integer đồng. Child rows go with their parent.

CREATE TABLE bloc (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    symbol TEXT NOT NULL,
    managing_body TEXT NOT NULL,
    place_name TEXT NOT NULL,
    addressee TEXT NOT NULL DEFAULT '',
    margin_top REAL NOT NULL DEFAULT 20,
    margin_bottom REAL NOT NULL DEFAULT 20,
    margin_left REAL NOT NULL DEFAULT 30,
    margin_right REAL NOT NULL DEFAULT 15
);

-- The bloc's rules as a settings document; the rules of a year are the latest row at or before it.
CREATE TABLE rules (
    year INTEGER PRIMARY KEY,
    json TEXT NOT NULL CHECK (json_valid(json))
);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    precedence INTEGER NOT NULL DEFAULT 0,
    merged_into INTEGER REFERENCES units(id) ON DELETE SET NULL,
    merged_on TEXT,
    note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE unit_names (
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    valid_from TEXT,
    valid_to TEXT,
    PRIMARY KEY (unit_id, ord)
);

CREATE TABLE unit_heads (
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    name TEXT NOT NULL,
    position TEXT NOT NULL,
    valid_from TEXT,
    valid_to TEXT,
    PRIMARY KEY (unit_id, ord)
);

CREATE TABLE members (
    year INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    PRIMARY KEY (year, unit_id)
);

CREATE TABLE conferences (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('launch', 'mid_year', 'year_end', 'other')),
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    start_time TEXT,
    end_time TEXT,
    place TEXT NOT NULL,
    host_unit INTEGER REFERENCES units(id) ON DELETE SET NULL,
    chair_name TEXT NOT NULL,
    chair_position TEXT NOT NULL,
    chair_unit INTEGER REFERENCES units(id) ON DELETE SET NULL,
    secretary_name TEXT NOT NULL,
    secretary_position TEXT NOT NULL,
    secretary_unit INTEGER REFERENCES units(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX conferences_year ON conferences(year);

CREATE TABLE conference_attendance (
    conference_id INTEGER NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    present INTEGER NOT NULL CHECK (present IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (conference_id, ord)
);

CREATE TABLE conference_guests (
    conference_id INTEGER NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    name TEXT NOT NULL,
    position TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (conference_id, ord)
);

CREATE TABLE conference_sections (
    conference_id INTEGER NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    heading TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (conference_id, ord)
);

CREATE TABLE conference_tasks (
    conference_id INTEGER NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (conference_id, ord)
);

CREATE TABLE leadership (
    year INTEGER PRIMARY KEY,
    head_unit INTEGER NOT NULL REFERENCES units(id),
    deputy_unit INTEGER REFERENCES units(id),
    method TEXT NOT NULL CHECK (method IN ('elected', 'rotation', 'appointed')),
    conference_id INTEGER REFERENCES conferences(id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT '',
    CHECK (deputy_unit IS NULL OR deputy_unit <> head_unit)
);

CREATE TABLE pledges (
    year INTEGER PRIMARY KEY,
    theme TEXT NOT NULL,
    conference_id INTEGER REFERENCES conferences(id) ON DELETE SET NULL
);

CREATE TABLE pledge_items (
    year INTEGER NOT NULL REFERENCES pledges(year) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    content TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (year, ord)
);

CREATE TABLE pledge_signatures (
    year INTEGER NOT NULL REFERENCES pledges(year) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    signed INTEGER NOT NULL CHECK (signed IN (0, 1)),
    signed_on TEXT,
    signer_name TEXT NOT NULL DEFAULT '',
    signer_position TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (year, unit_id)
);

CREATE TABLE criteria (
    year INTEGER NOT NULL,
    code TEXT NOT NULL,
    ord INTEGER NOT NULL,
    group_name TEXT NOT NULL,
    name TEXT NOT NULL,
    max_points INTEGER NOT NULL,
    PRIMARY KEY (year, code)
);

CREATE TABLE scores (
    year INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    criterion TEXT NOT NULL,
    self_score INTEGER,
    bloc_score INTEGER,
    PRIMARY KEY (year, unit_id, criterion),
    FOREIGN KEY (year, criterion) REFERENCES criteria(year, code) ON DELETE CASCADE
);

CREATE TABLE adjustments (
    year INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('bonus', 'penalty')),
    points INTEGER NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (year, ord)
);

CREATE TABLE ballots (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('leading', 'award', 'head', 'deputy', 'other')),
    award_form TEXT,
    target_year INTEGER,
    max_choices INTEGER NOT NULL DEFAULT 1,
    issued INTEGER NOT NULL DEFAULT 0,
    returned INTEGER NOT NULL DEFAULT 0,
    valid INTEGER NOT NULL DEFAULT 0,
    invalid INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ballots_conference ON ballots(conference_id);

CREATE TABLE ballot_board (
    ballot_id INTEGER NOT NULL REFERENCES ballots(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    name TEXT NOT NULL,
    position TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (ballot_id, ord)
);

CREATE TABLE ballot_candidates (
    ballot_id INTEGER NOT NULL REFERENCES ballots(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    votes INTEGER NOT NULL CHECK (votes >= 0),
    PRIMARY KEY (ballot_id, ord)
);

CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    form TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    rank INTEGER,
    score INTEGER,
    votes INTEGER,
    votes_base INTEGER,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'granted', 'refused', 'deferred')),
    override_note TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX proposals_year ON proposals(year);

CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    number TEXT NOT NULL,
    signed_on TEXT NOT NULL,
    issuing_body TEXT NOT NULL
);

CREATE TABLE decision_results (
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (decision_id, proposal_id)
);

CREATE TABLE sector_awards (
    year INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    issuing_body TEXT NOT NULL,
    decision_number TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (year, ord)
);

CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    date TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('sports', 'contest', 'charity', 'visit', 'other')),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE contributions (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (activity_id, ord)
);

CREATE TABLE register (
    year INTEGER NOT NULL,
    doc_type TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    title TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    PRIMARY KEY (year, doc_type, number)
);
