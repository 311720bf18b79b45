-- Comment browser, version 3: what lets every sort of the Comments screen page by keyset
-- (sort key, date, id) instead of sorting a million rows per page, and one rule per tag and
-- query.

-- Newest and oldest first (the rowid, appended to every index, breaks ties).
CREATE INDEX responses_created ON responses (created_at);

-- Highest and lowest score first, newest first within a score. Scores are placed on their
-- own scale (0 = bottom, 1 = top), so a CSAT 2/5 sorts below an NPS 5/10; responses without
-- a score (or on a one-value scale) get -1000 and come last either way. Virtual columns
-- rather than expression indexes: SQLite seeks a (column, column, rowid) keyset in an index
-- only for plain columns. They cost no space in the table.
ALTER TABLE responses ADD COLUMN score_high REAL
	GENERATED ALWAYS AS (coalesce((score - scale_min) / (scale_max - scale_min), -1000.0)) VIRTUAL;
ALTER TABLE responses ADD COLUMN score_low REAL
	GENERATED ALWAYS AS (coalesce((scale_min - score) / (scale_max - scale_min), -1000.0)) VIRTUAL;
CREATE INDEX responses_highest ON responses (score_high, created_at);
CREATE INDEX responses_lowest ON responses (score_low, created_at);

CREATE UNIQUE INDEX tag_rules_tag_query ON tag_rules (tag_id, query);
