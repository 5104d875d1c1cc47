-- An upload is a recording at once: from this release the upload's transaction also writes its recording,
-- 'processing' and without stems until its job ends. Jobs still waiting or running when this runs get theirs
-- here, so every take in flight is listed; jobs already failed or cancelled before it stay as they were (their
-- takes were never listed, and an admin's retry or a new upload lists them).
INSERT INTO recordings (id, profile_id, audio_file_id, output_name, display_name, created_at, updated_at, status)
SELECT gen_random_uuid(), j.profile_id, j.audio_file_id, j.output_name, j.output_name, j.created_at, j.created_at,
       'processing'
FROM jobs j
WHERE j.status IN ('queued', 'processing')
ON CONFLICT (profile_id, output_name) DO NOTHING;
