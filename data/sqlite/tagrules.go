package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// Tag rules keep their query in the search box's syntax and translate it each time they
// run, so a rule means what the same search shows in the Comments screen.

// TagRules lists the rules, by tag name then id.
func (db *DB) TagRules(ctx context.Context) ([]*data.TagRule, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT r.id, r.tag_id, t.name, r.query, r.enabled
		FROM tag_rules r JOIN tags t ON t.id = r.tag_id ORDER BY t.name COLLATE NOCASE, r.id`)
	if err != nil {
		return nil, db.wrapBusy(fmt.Errorf("list tag rules: %w", err))
	}
	defer rows.Close()
	var out []*data.TagRule
	for rows.Next() {
		var r data.TagRule
		if err := rows.Scan(&r.ID, &r.TagID, &r.Tag, &r.Query, &r.Enabled); err != nil {
			return nil, err
		}
		out = append(out, &r)
	}
	return out, rows.Err()
}

// CreateTagRule saves a rule tagging comments that match query with tag (created when
// absent) and, in the same transaction, applies it to every stored response with one
// statement over the full-text index. It returns the rule and how many responses it tagged.
func (db *DB) CreateTagRule(ctx context.Context, tag, query string) (*data.TagRule, int, error) {
	tag, query = strings.TrimSpace(tag), strings.TrimSpace(query)
	if tag == "" {
		return nil, 0, data.Errorf(data.EINVALID, "a tag rule needs a tag")
	}
	match, err := ftsQuery(query)
	if err != nil {
		return nil, 0, data.Errorf(data.EINVALID, "tag rule %q: %s", query, data.ErrorMessage(err))
	}
	if match == "" {
		return nil, 0, data.Errorf(data.EINVALID, "tag rule %q has no word to look for", query)
	}
	rule := &data.TagRule{Query: query, Enabled: true}
	var tagged int64
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		if rule.TagID, err = ensureTag(ctx, tx, tag); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT name FROM tags WHERE id = ?", rule.TagID).Scan(&rule.Tag); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "INSERT INTO tag_rules(tag_id, query, enabled) VALUES(?, ?, 1)", rule.TagID, query)
		if err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return data.Errorf(data.ECONFLICT, "tag %q already has the rule %q", rule.Tag, query)
			}
			return fmt.Errorf("save tag rule: %w", err)
		}
		if rule.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		res, err = tx.ExecContext(ctx, `INSERT INTO response_tags(response_id, tag_id, origin, created_at)
			SELECT rowid, ?, 'rule', ? FROM responses_fts WHERE responses_fts MATCH ? ON CONFLICT DO NOTHING`,
			rule.TagID, db.Now().Unix(), match)
		if err != nil {
			return fmt.Errorf("apply tag rule %q: %w", query, err)
		}
		tagged, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return rule, int(tagged), nil
}

// DeleteTagRule removes a rule. The tags it put stay: they are on responses now, and users
// remove them like any other.
func (db *DB) DeleteTagRule(ctx context.Context, id int64) error {
	res, err := db.db.ExecContext(ctx, "DELETE FROM tag_rules WHERE id = ?", id)
	if err != nil {
		return db.wrapBusy(fmt.Errorf("delete tag rule %d: %w", id, err))
	}
	return mustAffect(res, "there is no tag rule %d", id)
}

// applyTagRules runs the enabled rules over the responses a bulk write inserted or changed
// (ids), inside its transaction, after their comments reached the full-text index. Each
// rule reads its matches in the ids' range from the index (a seek, not a scan) and tags
// those that are among ids. A tag a user removed comes back only if the comment changes and
// still matches.
func applyTagRules(ctx context.Context, tx *sql.Tx, ids []int64, now int64) error {
	if len(ids) == 0 {
		return nil
	}
	rules, err := enabledRules(ctx, tx)
	if err != nil || len(rules) == 0 {
		return err
	}
	slices.Sort(ids)
	for _, r := range rules {
		match, err := ftsQuery(r.Query)
		if err != nil || match == "" {
			continue // saved before the syntax changed; CreateTagRule refuses such rules now
		}
		rows, err := tx.QueryContext(ctx, `SELECT rowid FROM responses_fts WHERE responses_fts MATCH ? AND rowid BETWEEN ? AND ?`,
			match, ids[0], ids[len(ids)-1])
		if err != nil {
			return fmt.Errorf("apply tag rule %q: %w", r.Query, err)
		}
		var hits []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			if _, ok := slices.BinarySearch(ids, id); ok {
				hits = append(hits, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("apply tag rule %q: %w", r.Query, err)
		}
		if len(hits) == 0 {
			continue
		}
		list, err := json.Marshal(hits)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO response_tags(response_id, tag_id, origin, created_at)
			SELECT value, ?, 'rule', ? FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`, r.TagID, now, string(list)); err != nil {
			return fmt.Errorf("apply tag rule %q: %w", r.Query, err)
		}
	}
	return nil
}

func enabledRules(ctx context.Context, tx *sql.Tx) ([]data.TagRule, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, tag_id, query FROM tag_rules WHERE enabled ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("read tag rules: %w", err)
	}
	defer rows.Close()
	var out []data.TagRule
	for rows.Next() {
		r := data.TagRule{Enabled: true}
		if err := rows.Scan(&r.ID, &r.TagID, &r.Query); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
