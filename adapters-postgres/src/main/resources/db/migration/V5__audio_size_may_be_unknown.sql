-- A source file known only by its hash (a legacy import without the file) has no known size: NULL, not 0.
ALTER TABLE audio_files ALTER COLUMN file_size_bytes DROP NOT NULL;
