-- Tag rollup, version 5: response counts per tag, like score_days per score, so that themes
-- and tag-filtered scores read a few thousand rows instead of joining response_tags with a
-- million responses.
--
-- Tags change in many places (the GUI and CLI, bulk tagging, rules at import and on save,
-- source tags, re-imports that move a response to another day or score, deleted sources),
-- so triggers keep the counts, not the code of each place. Triggers need the local day of
-- a response without Go's time zone: local_offsets lists the zone's UTC offsets from each
-- transition on, and the Go code that fills it (tagrollup.go) rebuilds tag_days at the same
-- time, recording the zone in meta "tag_rollup_zone". Until then the offset reads as 0.

-- UTC offset in seconds in effect from start (unix seconds) until the next row's start.
CREATE TABLE local_offsets (
	start INTEGER PRIMARY KEY,
	off   INTEGER NOT NULL
);

-- Responses with a score carrying a tag, per tag, survey type, scale, local day (YYYYMMDD),
-- source and score. The key is in the order themes are summed in, tag then score: one scale
-- of one tag is one range of it, read in order without sorting; the day is a filter within
-- that range (reading a tag's days is cheaper than sorting them by score).
CREATE TABLE tag_days (
	tag_id      INTEGER NOT NULL,
	survey_type TEXT NOT NULL,
	scale_min   INTEGER NOT NULL,
	scale_max   INTEGER NOT NULL,
	day         INTEGER NOT NULL,
	source_id   INTEGER NOT NULL,
	score       REAL NOT NULL,
	n           INTEGER NOT NULL,
	PRIMARY KEY (tag_id, survey_type, scale_min, scale_max, score, day, source_id)
) WITHOUT ROWID;

CREATE TRIGGER response_tags_count AFTER INSERT ON response_tags BEGIN
	INSERT INTO tag_days(tag_id, survey_type, scale_min, scale_max, day, source_id, score, n)
	SELECT NEW.tag_id, r.survey_type, r.scale_min, r.scale_max,
		CAST(strftime('%Y%m%d', r.created_at + coalesce((SELECT o.off FROM local_offsets o
			WHERE o.start <= r.created_at ORDER BY o.start DESC LIMIT 1), 0), 'unixepoch') AS INTEGER),
		r.source_id, r.score, 1
	FROM responses r WHERE r.id = NEW.response_id AND r.score IS NOT NULL
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER response_tags_uncount AFTER DELETE ON response_tags BEGIN
	INSERT INTO tag_days(tag_id, survey_type, scale_min, scale_max, day, source_id, score, n)
	SELECT OLD.tag_id, r.survey_type, r.scale_min, r.scale_max,
		CAST(strftime('%Y%m%d', r.created_at + coalesce((SELECT o.off FROM local_offsets o
			WHERE o.start <= r.created_at ORDER BY o.start DESC LIMIT 1), 0), 'unixepoch') AS INTEGER),
		r.source_id, r.score, -1
	FROM responses r WHERE r.id = OLD.response_id AND r.score IS NOT NULL
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- A re-import that changes what a response is counted under moves its tags' counts.
CREATE TRIGGER responses_tag_recount AFTER UPDATE OF survey_type, scale_min, scale_max, score, created_at, source_id
ON responses
WHEN OLD.survey_type IS NOT NEW.survey_type OR OLD.scale_min IS NOT NEW.scale_min OR OLD.scale_max IS NOT NEW.scale_max
	OR OLD.score IS NOT NEW.score OR OLD.created_at IS NOT NEW.created_at OR OLD.source_id IS NOT NEW.source_id
BEGIN
	INSERT INTO tag_days(tag_id, survey_type, scale_min, scale_max, day, source_id, score, n)
	SELECT rt.tag_id, OLD.survey_type, OLD.scale_min, OLD.scale_max,
		CAST(strftime('%Y%m%d', OLD.created_at + coalesce((SELECT o.off FROM local_offsets o
			WHERE o.start <= OLD.created_at ORDER BY o.start DESC LIMIT 1), 0), 'unixepoch') AS INTEGER),
		OLD.source_id, OLD.score, -1
	FROM response_tags rt WHERE rt.response_id = OLD.id AND OLD.score IS NOT NULL
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO tag_days(tag_id, survey_type, scale_min, scale_max, day, source_id, score, n)
	SELECT rt.tag_id, NEW.survey_type, NEW.scale_min, NEW.scale_max,
		CAST(strftime('%Y%m%d', NEW.created_at + coalesce((SELECT o.off FROM local_offsets o
			WHERE o.start <= NEW.created_at ORDER BY o.start DESC LIMIT 1), 0), 'unixepoch') AS INTEGER),
		NEW.source_id, NEW.score, 1
	FROM response_tags rt WHERE rt.response_id = NEW.id AND NEW.score IS NOT NULL
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- A deleted response (its source removed) takes its tags along while it can still be read:
-- the foreign key's cascade runs after the response is gone, too late for the count.
CREATE TRIGGER responses_untag BEFORE DELETE ON responses
WHEN EXISTS (SELECT 1 FROM response_tags WHERE response_id = OLD.id)
BEGIN
	DELETE FROM response_tags WHERE response_id = OLD.id;
END;
