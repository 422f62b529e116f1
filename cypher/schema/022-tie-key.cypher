// Upkeep replaces the TIE segments of the pairs a write touches: found by the pair's key.
CREATE INDEX tie_key IF NOT EXISTS FOR ()-[r:TIE]-() ON (r.projectId, r.key)
