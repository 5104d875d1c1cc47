-- Rows kept whole up to a page (issue 33). V29 stored the vectors MAIN, but a row past 2 kB is still handed to the
-- toaster, which then moves every other column of more than 24 bytes out of line before it gives up a MAIN one: at
-- 1,536 dimensions a space's name or a source of 25 characters went to the TOAST table (an index lookup and a chunk
-- to read it back, in every row of such a space), and in the search log the query's candidates and scores did.
-- toast_tuple_target = 8160 (the most PostgreSQL allows) leaves a row that fits a page as it is: nothing compressed,
-- nothing moved. A row larger than that is toasted as before. The query's embedding in the search log and the
-- feedback is stored MAIN as the recordings' are (V29), so that a larger row gives up its other columns first.
-- Only rows written from now on are placed so.
ALTER TABLE embeddings SET (toast_tuple_target = 8160);
ALTER TABLE searches SET (toast_tuple_target = 8160);
ALTER TABLE search_feedback SET (toast_tuple_target = 8160);
ALTER TABLE searches ALTER COLUMN query_vector SET STORAGE MAIN;
ALTER TABLE search_feedback ALTER COLUMN query_vector SET STORAGE MAIN;
