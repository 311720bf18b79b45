-- Boards, version 2: who a board may name, and an index for a side's cards in order.

-- hide_names hides every respondent's name on the board (cards, meeting mode, board files);
-- name_hidden hides one card's.
ALTER TABLE boards ADD COLUMN hide_names INTEGER NOT NULL DEFAULT 0;
ALTER TABLE board_cards ADD COLUMN name_hidden INTEGER NOT NULL DEFAULT 0;

CREATE INDEX board_cards_side ON board_cards (board_id, side, position);
