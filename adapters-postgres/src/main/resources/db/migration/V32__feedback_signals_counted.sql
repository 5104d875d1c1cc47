-- Search that learns, read in a few rows (issue 32). A search with the learned ranker read every act on each of its
-- candidates (about 30 each at 100,000 recordings), sorted each member's to apply the per-member cap and summed them.
-- Now the acts that count are kept counted, per recording, past query and position, in the transaction that changes
-- them: a search reads one row per candidate and past query (the position's weight, a setting, is applied then).
--
-- The per-member cap is applied here, when acts are written: of each member's acts on a recording, the newest
-- per_user_cap count, whatever query they answered (before, the newest among those answering this query or a similar
-- one). The cap is the deployment's STEMVAULT_FEEDBACK_PER_USER_CAP, written here by the service at start; a change
-- recounts every recording. It is NULL until then, and nothing counts: the first start counts the acts kept before
-- this migration, outside the statement timeout that a migration runs under.
CREATE TABLE feedback_settings (
    only_row     boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    per_user_cap int     CHECK (per_user_cap >= 1)
);
INSERT INTO feedback_settings (per_user_cap) VALUES (NULL);

CREATE TABLE feedback_signals (
    recording_id uuid             NOT NULL,
    query_key    uuid             NOT NULL,
    position     int              NOT NULL,
    events       int              NOT NULL CHECK (events > 0),
    reward       double precision NOT NULL,
    PRIMARY KEY (recording_id, query_key, position) INCLUDE (events, reward)
);

-- Counts the acts on these recordings again. One count of a recording at a time: a second transaction's count
-- waits for the first to commit, then reads what it wrote; without the wait both would count from a view missing
-- the other's act. The wait is an advisory lock on one of 64 buckets of recordings, taken in order (no deadlock):
-- a lock per recording would exhaust the lock table when a prune or a deletion touches many thousands of them.
CREATE FUNCTION feedback_signals_recount(recordings uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(1718382149, b)
    FROM (SELECT DISTINCT hashtext(r::text) & 63 AS b FROM unnest(recordings) r ORDER BY 1) x;
    DELETE FROM feedback_signals WHERE recording_id = ANY (recordings);
    INSERT INTO feedback_signals (recording_id, query_key, position, events, reward)
    SELECT n.recording_id, n.query_key, n.position, count(*), sum(n.reward)
    FROM (
        SELECT f.recording_id, f.query_key, f.position, f.reward,
               row_number() OVER (PARTITION BY f.recording_id, f.user_id
                                  ORDER BY f.created_at DESC, f.search_id, f.action) AS nth
        FROM search_feedback f
        WHERE f.recording_id = ANY (recordings)
    ) n
    WHERE n.nth <= (SELECT per_user_cap FROM feedback_settings)
    GROUP BY n.recording_id, n.query_key, n.position;
END $$;

-- Every way acts change counts their recordings again: an act recorded or reported again (the upsert fires both
-- the insert and the update trigger, each with its own rows), the retention's prune, and the deletions that cascade
-- from a user, a recording or a profile. PostgreSQL allows transition tables on one event per trigger.
CREATE FUNCTION search_feedback_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM feedback_signals_recount(array(SELECT DISTINCT recording_id FROM changed_rows))
    WHERE EXISTS (SELECT 1 FROM changed_rows);
    RETURN NULL;
END $$;

CREATE TRIGGER search_feedback_inserted AFTER INSERT ON search_feedback
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_feedback_added();
CREATE TRIGGER search_feedback_updated AFTER UPDATE ON search_feedback
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_feedback_added();
CREATE TRIGGER search_feedback_deleted AFTER DELETE ON search_feedback
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION search_feedback_added();

CREATE FUNCTION search_feedback_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM feedback_signals;
    RETURN NULL;
END $$;

CREATE TRIGGER search_feedback_truncated AFTER TRUNCATE ON search_feedback
    FOR EACH STATEMENT EXECUTE FUNCTION search_feedback_emptied();

