-- Search that learns from what members do (issue 32).
--
-- Every search answer is logged here in the statement that ranks it: its id (the answer's search_id), who asked,
-- the query (text, its normal form, the space and the query's embedding), the profiles searched, the results in
-- the order ranked with their fused scores, and how many were shown. UNLOGGED: writing it costs no WAL flush, so a
-- search stays one round trip at its old cost (a logged insert's commit costs about 2.5 ms here); a crash empties
-- it, which forgets only which recent searches may still get feedback and the admin insights' counts since.
CREATE UNLOGGED TABLE searches (
    id            uuid        PRIMARY KEY,
    user_id       uuid        NOT NULL,
    session_id    uuid        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('search', 'similar')),
    query_text    text,
    query_norm    text,
    space         text,
    query_vector  vector,
    profile_ids   uuid[]      NOT NULL,
    results       uuid[]      NOT NULL,
    scores        float8[]    NOT NULL,
    shown         int         NOT NULL CHECK (shown >= 0),
    created_at    timestamptz NOT NULL
);
CREATE INDEX searches_created_idx ON searches (created_at);
CREATE INDEX searches_user_idx ON searches (user_id);

-- A deleted user's searches go with them. A trigger, not a foreign key: the key's check would run on every
-- search's insert (about 0.8 ms), while users are deleted rarely.
CREATE FUNCTION users_deleted_searches() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM searches WHERE user_id IN (SELECT id FROM old_rows);
    RETURN NULL;
END $$;

CREATE TRIGGER users_deleted_searches AFTER DELETE ON users
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION users_deleted_searches();

-- What a member did with one result: kept (logged) with its search's query, so that ranking can learn from it
-- after the search has left the log. One row per search, result and act (a repeated report keeps the larger
-- figures). Deleting the user, the recording or its profile deletes it.
CREATE TABLE search_feedback (
    search_id      uuid        NOT NULL,
    recording_id   uuid        NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
    action         text        NOT NULL CHECK (action IN ('opened', 'played', 'skipped')),
    profile_id     uuid        NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id     uuid        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('search', 'similar')),
    query_text     text,
    query_norm     text,
    space          text,
    query_vector   vector,
    position       int         NOT NULL CHECK (position BETWEEN 1 AND 1000),
    seconds_played real        CHECK (seconds_played >= 0),
    played_to_end  boolean     NOT NULL,
    dwell_seconds  real        CHECK (dwell_seconds >= 0),
    reward         real        NOT NULL CHECK (reward BETWEEN -1 AND 2),
    base_share     real        NOT NULL CHECK (base_share BETWEEN 0 AND 1),
    searched_at    timestamptz NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (search_id, recording_id, action)
);
-- A search reads the feedback on each of its candidates; admins read a profile's by query; retention by time;
-- the seed's click_feedback is indexed by query and by session as well.
CREATE INDEX search_feedback_recording_idx ON search_feedback (recording_id, created_at);
CREATE INDEX search_feedback_query_idx ON search_feedback (profile_id, query_norm);
CREATE INDEX search_feedback_session_idx ON search_feedback (session_id);
CREATE INDEX search_feedback_user_idx ON search_feedback (user_id);
CREATE INDEX search_feedback_created_idx ON search_feedback (created_at);

-- The learned rankers' weights, one row per training, the newest in use where the ranker is switched on.
CREATE TABLE ranker_models (
    version     serial           PRIMARY KEY,
    base_weight    double precision NOT NULL CHECK (base_weight > 0),
    exact_weight   double precision NOT NULL,
    similar_weight double precision NOT NULL,
    scale       double precision NOT NULL CHECK (scale > 0),
    events      int              NOT NULL CHECK (events >= 0),
    pairs       int              NOT NULL CHECK (pairs >= 0),
    trained_at  timestamptz      NOT NULL
);
