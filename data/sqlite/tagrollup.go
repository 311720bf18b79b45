package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// The tag rollup (tag_days, migration 0005) counts scored responses per tag, survey type,
// scale, local day, source and score. Triggers on response_tags and responses keep it exact
// whichever code changes tags; they find a response's local day through local_offsets, the
// time zone's UTC offsets, which only this file writes. tag_days is trusted when meta
// tagRollupZone names the zone the reader counts days in; otherwise it is rebuilt first.

// tagRollupZone is the meta key recording the zone local_offsets and tag_days were built for.
const tagRollupZone = "tag_rollup_zone"

// sqlLocalDay is the local day (YYYYMMDD) of the unix time column col as the triggers compute
// it: the UTC date of the time shifted by the offset in effect then.
func sqlLocalDay(col string) string {
	return `CAST(strftime('%Y%m%d', ` + col + ` + coalesce((SELECT o.off FROM local_offsets o
		WHERE o.start <= ` + col + ` ORDER BY o.start DESC LIMIT 1), 0), 'unixepoch') AS INTEGER)`
}

// zoneOffset is a UTC offset in effect from start on.
type zoneOffset struct{ start, off int64 }

// Offsets are listed from offsetsFrom (the first one covers all earlier times too) through
// offsetsUntil; later times keep the last offset.
var (
	offsetsFrom  = time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC)
	offsetsUntil = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// localOffsets lists loc's UTC offsets at each change, as Go applies them.
func localOffsets(loc *time.Location) []zoneOffset {
	t := offsetsFrom.In(loc)
	_, off := t.Zone()
	out := []zoneOffset{{math.MinInt64, int64(off)}}
	for t.Before(offsetsUntil) {
		_, end := t.ZoneBounds()
		if end.IsZero() {
			break // this offset lasts forever
		}
		if !end.After(t) {
			// Past the zone's table (rules from its TZ string) Go's bounds stop moving.
			end = nextOffsetChange(t)
		}
		t = end.In(loc)
		if _, off := t.Zone(); int64(off) != out[len(out)-1].off {
			out = append(out, zoneOffset{end.Unix(), int64(off)})
		}
	}
	return out
}

// nextOffsetChange finds the first second after t with another UTC offset, or offsetsUntil:
// it walks by days, then bisects the day the offset changed in.
func nextOffsetChange(t time.Time) time.Time {
	_, off := t.Zone()
	lo := t
	for {
		hi := lo.Add(24 * time.Hour)
		if !hi.Before(offsetsUntil) {
			return offsetsUntil
		}
		if _, o := hi.Zone(); o == off {
			lo = hi
			continue
		}
		for hi.Sub(lo) > time.Second {
			mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
			if _, o := mid.Zone(); o == off {
				lo = mid
			} else {
				hi = mid
			}
		}
		return hi
	}
}

// tagRollupCurrent makes sure tag_days counts days of db.loc, rebuilding it when it was built
// for another zone (a database from before the rollup, or the machine moved). It reports
// false when another writer holds the database: callers then count from the responses.
func (db *DB) tagRollupCurrent(ctx context.Context) (bool, error) {
	want := zoneFingerprint(db.loc)
	got, err := db.meta(ctx, tagRollupZone)
	if err != nil {
		return false, db.wrapBusy(fmt.Errorf("read the tag rollup's time zone: %w", err))
	}
	if got == want {
		return true, nil
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		// Another caller may have rebuilt it while this one waited for the lock.
		var now string
		err := tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", tagRollupZone).Scan(&now)
		if err == nil && now == want {
			return nil
		}
		return rebuildTagRollup(ctx, tx, db.loc, want)
	})
	if data.ErrorCode(err) == data.EUNAVAILABLE {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("rebuild the tag rollup: %w", err)
	}
	return true, nil
}

// rebuildTagRollup recounts tag_days from the tags on responses, in loc's days.
func rebuildTagRollup(ctx context.Context, tx *sql.Tx, loc *time.Location, fingerprint string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM local_offsets; DELETE FROM tag_days"); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO local_offsets(start, off) VALUES(?, ?)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, o := range localOffsets(loc) {
		if _, err := stmt.ExecContext(ctx, o.start, o.off); err != nil {
			return fmt.Errorf("save time zone offsets: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO tag_days(tag_id, survey_type, scale_min, scale_max, day, source_id, score, n)
		SELECT rt.tag_id, r.survey_type, r.scale_min, r.scale_max, `+sqlLocalDay("r.created_at")+`, r.source_id, r.score, count(*)
		FROM response_tags rt JOIN responses r ON r.id = rt.response_id
		WHERE r.score IS NOT NULL
		GROUP BY 1, 2, 3, 4, 5, 6, 7`); err != nil {
		return fmt.Errorf("count tags: %w", err)
	}
	return setMeta(ctx, tx, tagRollupZone, fingerprint)
}
