-- Vectors kept in their row wherever the row fits a page (issue 33). pgvector's types are stored EXTERNAL: a row past
-- 2 kB has its vector moved out of line into the TOAST table, so at 1,536 dimensions (6 kB at full precision, 3 kB at
-- half) every read of a vector (the exact scan of a small scope, the re-rank of binary storage's candidates) went through
-- the TOAST table's index and two to four chunks besides the row. MAIN keeps a vector in its row unless the row could
-- not fit a page otherwise (about 2,000 dimensions at full precision, 4,000 at half); pglz's attempt at compressing a
-- wide row gives up within its first kilobyte on float data. Only new and rewritten rows are placed so: a row written
-- before stays where it is until it is next written (a move of its space's storage rewrites every row).
ALTER TABLE embeddings ALTER COLUMN embedding SET STORAGE MAIN;
ALTER TABLE embeddings ALTER COLUMN embedding_half SET STORAGE MAIN;
