-- Search that learns, cheaper to read (issue 32). A search with the learned ranker reads the acts on each of its
-- candidates; it read them from the table's rows, each carrying its query's embedding (1.5 kB at 384 dimensions),
-- and compared every act's embedding with the query's. Now it reads them from an index holding only what the
-- signal needs (an index-only scan), and each distinct past query's embedding once, by a key of the query: the
-- same space, normal form and embedding give the same key.
ALTER TABLE search_feedback ADD COLUMN query_key uuid GENERATED ALWAYS AS (
    md5(coalesce(space, '') || '|' || coalesce(query_norm, '') || '|' || coalesce(query_vector::text, ''))::uuid
) STORED;
CREATE INDEX search_feedback_signal_idx ON search_feedback (recording_id)
    INCLUDE (user_id, created_at, search_id, action, query_key, reward, position);
CREATE INDEX search_feedback_key_idx ON search_feedback (query_key);
DROP INDEX search_feedback_recording_idx;
