-- How each embedding space keeps its vectors (issue 33): at full precision ('full': the vector column, 4 bytes a
-- dimension, an HNSW index over vector), at half precision ('half': the halfvec column, 2 bytes a dimension, an HNSW
-- index over halfvec), or at half precision searched through an HNSW index over the vectors' binary quantization
-- ('binary': 1 bit a dimension in the index, Hamming distance, the candidates re-ranked by their exact cosine).
--
-- A row holds its vector in the column its space's storage reads; while a space is converted from one storage to
-- another (in the background, without stopping the service: the other column filled, the new index built
-- concurrently, the readers switched, the old column cleared and its index dropped), in both. Writers always write
-- the vector column; the trigger below puts the value where the space keeps it. A space without a row here is kept
-- at full precision.
ALTER TABLE embeddings ALTER COLUMN embedding DROP NOT NULL;
ALTER TABLE embeddings ADD COLUMN embedding_half halfvec CHECK (vector_dims(embedding_half) = dimensions);
ALTER TABLE embeddings ADD CONSTRAINT embeddings_kept CHECK (embedding IS NOT NULL OR embedding_half IS NOT NULL);

CREATE TABLE embedding_storage (
    space      text        PRIMARY KEY CHECK (space ~ '^[a-z0-9_-]{1,64}$'),
    -- the storage searches read
    storage    text        NOT NULL CHECK (storage IN ('full', 'half', 'binary')),
    -- during a conversion, the other storage: the target until the switch, the former storage after it
    other      text        CHECK (other IN ('full', 'half', 'binary') AND other <> storage),
    -- copying: the target's column being filled (writes fill both); indexing: the target's index being built
    -- (writes fill both); switched: searches read the new storage, the former one kept filled until every
    -- instance has seen the switch; clearing: the former column being emptied and its index dropped
    phase      text        CHECK (phase IN ('copying', 'indexing', 'switched', 'clearing')),
    -- the last embedding id a copy or a clear has passed (they go in id order, a batch at a time)
    progress   uuid,
    changed_at timestamptz NOT NULL,
    CHECK ((other IS NULL) = (phase IS NULL))
);

-- The column a storage keeps its vectors in.
CREATE FUNCTION embedding_column(storage text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN storage IN ('half', 'binary') THEN 'half' ELSE 'full' END
$$;

-- Puts a written vector where its space keeps it. The space's row is read FOR SHARE: a conversion's change of it
-- waits for every write under way, and every write after it sees the change, so no row is missed by a copy.
-- A write that leaves the vector column NULL (a conversion clearing it) is kept as it is.
CREATE FUNCTION embeddings_stored() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s embedding_storage%ROWTYPE;
    wanted text[];
BEGIN
    IF NEW.embedding IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT * INTO s FROM embedding_storage WHERE space = NEW.space FOR SHARE;
    IF NOT FOUND THEN
        NEW.embedding_half := NULL;
        RETURN NEW;
    END IF;
    wanted := ARRAY[embedding_column(s.storage)];
    IF s.phase IN ('copying', 'indexing', 'switched') THEN
        wanted := wanted || embedding_column(s.other);
    END IF;
    NEW.embedding_half := CASE WHEN 'half' = ANY (wanted) THEN NEW.embedding::halfvec END;
    IF NOT 'full' = ANY (wanted) THEN
        NEW.embedding := NULL;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER embeddings_stored BEFORE INSERT OR UPDATE ON embeddings
    FOR EACH ROW EXECUTE FUNCTION embeddings_stored();
