-- Names are text: from now on a song, location, clip, recording or worker-token name with a control
-- character (Unicode Cc: U+0001-U+001F, U+007F-U+009F; NUL never reached the database) is refused.
-- Names stored before that rule keep their place with each control character shown as U+FFFD; a
-- song or location whose cleaned name would repeat another of its profile's gets its id's first
-- eight characters after it, so that the unique name per profile still holds.
DO $$
DECLARE
    control CONSTANT text := '[\x01-\x1f\x7f-\x9f]';
    r record;
    cleaned text;
BEGIN
    FOR r IN SELECT id, profile_id, name FROM songs WHERE name ~ control ORDER BY created_at, id LOOP
        cleaned := regexp_replace(r.name, control, U&'\FFFD', 'g');
        IF EXISTS (SELECT 1 FROM songs
                   WHERE profile_id = r.profile_id AND lower(name) = lower(cleaned) AND id <> r.id) THEN
            cleaned := left(cleaned, 188) || ' (' || left(r.id::text, 8) || ')';
        END IF;
        UPDATE songs SET name = cleaned WHERE id = r.id;
    END LOOP;
    FOR r IN SELECT id, profile_id, name FROM locations WHERE name ~ control ORDER BY created_at, id LOOP
        cleaned := regexp_replace(r.name, control, U&'\FFFD', 'g');
        IF EXISTS (SELECT 1 FROM locations
                   WHERE profile_id = r.profile_id AND lower(name) = lower(cleaned) AND id <> r.id) THEN
            cleaned := left(cleaned, 188) || ' (' || left(r.id::text, 8) || ')';
        END IF;
        UPDATE locations SET name = cleaned WHERE id = r.id;
    END LOOP;
    UPDATE clips SET display_name = regexp_replace(display_name, control, U&'\FFFD', 'g')
        WHERE display_name ~ control;
    UPDATE recordings SET display_name = regexp_replace(display_name, control, U&'\FFFD', 'g')
        WHERE display_name ~ control;
    UPDATE worker_tokens SET name = regexp_replace(name, control, U&'\FFFD', 'g')
        WHERE name ~ control;
END
$$;
