-- When the current (or last) attempt was claimed: claim-to-complete time, for the operator's metrics.
ALTER TABLE jobs ADD COLUMN claimed_at timestamptz;
