-- A bundle: the chosen stems rendered each to a file of its own (gain, section, tempo and transposition
-- applied) in one zip, made by the same render job as a mix; a bundle has no loudness target.
ALTER TABLE mixes ADD COLUMN bundle boolean NOT NULL DEFAULT false;
ALTER TABLE mixes ADD CONSTRAINT mixes_bundle_has_no_loudness CHECK (NOT bundle OR loudness_target IS NULL);
