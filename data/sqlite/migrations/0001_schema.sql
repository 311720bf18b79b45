-- Verbatim schema, version 1.
-- Times are UTC unix seconds. JSON columns hold flat string maps.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sources (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL UNIQUE,
	kind         TEXT NOT NULL,
	config       TEXT NOT NULL DEFAULT '{}',
	cursor       TEXT NOT NULL DEFAULT '',
	last_sync_at INTEGER,
	last_error   TEXT NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL
);

CREATE TABLE responses (
	id               INTEGER PRIMARY KEY,
	source_id        INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
	external_id      TEXT NOT NULL,
	survey           TEXT NOT NULL DEFAULT '',
	survey_type      TEXT NOT NULL,
	scale_min        INTEGER NOT NULL,
	scale_max        INTEGER NOT NULL,
	score            REAL,
	comment          TEXT,
	respondent_email TEXT,
	respondent_name  TEXT,
	created_at       INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL,
	permalink        TEXT,
	properties       TEXT,
	answers          TEXT,
	-- content_hash fingerprints what the source sent, so a re-import can tell "unchanged" from
	-- "updated" without comparing every column.
	content_hash     INTEGER NOT NULL,
	UNIQUE (source_id, external_id)
);

-- Covering index for score queries that cannot use the rollups (tag filters, raw exports).
CREATE INDEX responses_type_created ON responses (survey_type, created_at, score);

-- The comment index. Contentless (the folded text lives only in the index) with deletes
-- allowed, filled in batches by the bulk writer rather than by per-row triggers, which are
-- several times slower on bulk loads. remove_diacritics 2 lets "senor" find "señor"; the
-- writer also folds Turkish dotless/dotted i before indexing.
CREATE VIRTUAL TABLE responses_fts USING fts5 (
	comment,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2'
);

-- Rollups: response counts per local day, survey type, scale, source and score value, kept
-- current by the bulk writer. Dashboards read a few thousand of these rows instead of
-- scanning a million responses.
CREATE TABLE score_days (
	survey_type TEXT NOT NULL,
	scale_min   INTEGER NOT NULL,
	scale_max   INTEGER NOT NULL,
	day         INTEGER NOT NULL, -- local date as YYYYMMDD
	source_id   INTEGER NOT NULL,
	score       REAL NOT NULL,
	n           INTEGER NOT NULL,
	PRIMARY KEY (survey_type, scale_min, scale_max, day, source_id, score)
) WITHOUT ROWID;

-- The same counts per segment (property key and value), for breakdowns and segment filters.
CREATE TABLE segment_days (
	key         TEXT NOT NULL,
	value       TEXT NOT NULL,
	survey_type TEXT NOT NULL,
	scale_min   INTEGER NOT NULL,
	scale_max   INTEGER NOT NULL,
	day         INTEGER NOT NULL,
	source_id   INTEGER NOT NULL,
	score       REAL NOT NULL,
	n           INTEGER NOT NULL,
	PRIMARY KEY (key, survey_type, scale_min, scale_max, day, value, source_id, score)
) WITHOUT ROWID;

CREATE TABLE tags (
	id    INTEGER PRIMARY KEY,
	name  TEXT NOT NULL UNIQUE COLLATE NOCASE,
	color TEXT NOT NULL DEFAULT ''
);

CREATE TABLE response_tags (
	response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
	tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
	origin      TEXT NOT NULL CHECK (origin IN ('user', 'rule', 'source')),
	created_at  INTEGER NOT NULL,
	PRIMARY KEY (response_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX response_tags_tag ON response_tags (tag_id, response_id);

CREATE TABLE tag_rules (
	id      INTEGER PRIMARY KEY,
	tag_id  INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
	query   TEXT NOT NULL,
	enabled INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE notes (
	id          INTEGER PRIMARY KEY,
	response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
	body        TEXT NOT NULL,
	created_at  INTEGER NOT NULL
);
CREATE INDEX notes_response ON notes (response_id);

CREATE TABLE follow_ups (
	response_id INTEGER PRIMARY KEY REFERENCES responses(id) ON DELETE CASCADE,
	status      TEXT NOT NULL CHECK (status IN ('open', 'contacted', 'closed')),
	updated_at  INTEGER NOT NULL
);

CREATE TABLE boards (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	created_at INTEGER NOT NULL
);

CREATE TABLE board_cards (
	board_id    INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
	response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
	side        TEXT NOT NULL CHECK (side IN ('positive', 'negative')),
	position    INTEGER NOT NULL,
	note        TEXT NOT NULL DEFAULT '',
	pinned_at   INTEGER NOT NULL,
	PRIMARY KEY (board_id, response_id)
);
CREATE INDEX board_cards_response ON board_cards (response_id);

CREATE TABLE sync_runs (
	id          INTEGER PRIMARY KEY,
	source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
	started_at  INTEGER NOT NULL,
	finished_at INTEGER,
	fetched     INTEGER NOT NULL DEFAULT 0,
	inserted    INTEGER NOT NULL DEFAULT 0,
	updated     INTEGER NOT NULL DEFAULT 0,
	status      TEXT NOT NULL DEFAULT 'running',
	error       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sync_runs_source ON sync_runs (source_id, started_at);
