-- Full-text search over a recording's display name and description (English stemming), GIN-indexed.
ALTER TABLE recordings ADD COLUMN search_text tsvector
    GENERATED ALWAYS AS (to_tsvector('english', display_name || ' ' || description)) STORED;
CREATE INDEX recordings_search_text_idx ON recordings USING gin (search_text);
