-- 008_clinical_ranges.sql: keeping the block-range index of clinical_fact
-- summarised, so that finding the values a load replaces reads only the
-- ranges of the loads that set them.  Applied once by "oncoload init".
--
-- A block range that autovacuum has not summarised yet matches every search:
-- between two autovacuum rounds, a run of loads made each later load's
-- search read everything the earlier ones wrote, in every study.

CREATE FUNCTION warehouse.summarize_clinical_fact_ranges()
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  -- the lock summarising takes, held to the end of the transaction; never
  -- waited for: if autovacuum or another load holds it, the caller searches
  -- the unsummarised ranges instead, as it would have without this
  BEGIN
    LOCK TABLE warehouse.clinical_fact IN SHARE UPDATE EXCLUSIVE MODE NOWAIT;
  EXCEPTION WHEN lock_not_available THEN
    RETURN -1;
  END;
  RETURN brin_summarize_new_values('warehouse.clinical_fact_patient_idx'::regclass);
END $$;
COMMENT ON FUNCTION warehouse.summarize_clinical_fact_ranges() IS
  'Loader helper: summarises the block ranges of warehouse.clinical_fact that its block-range index has not summarised yet, '
  'and returns how many (-1: not now, the lock it needs is held by autovacuum or another load). Runs with the owner''s '
  'rights (summarising is the owner''s); holds SHARE UPDATE EXCLUSIVE on clinical_fact until the transaction ends, which '
  'blocks no reads or writes, only VACUUM, ANALYZE and other summarising.';
REVOKE ALL ON FUNCTION warehouse.summarize_clinical_fact_ranges() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION warehouse.summarize_clinical_fact_ranges() TO oncoload_loader;

COMMENT ON INDEX warehouse.clinical_fact_patient_idx IS
  'Block ranges of clinical_fact by patient and load: serves the per-patient queries and the loader''s search for the values a '
  'load replaces. A range without a summary matches every search; autovacuum summarises full ranges (autosummarize), and a load '
  'that replaces values summarises the rest first (warehouse.summarize_clinical_fact_ranges).';
