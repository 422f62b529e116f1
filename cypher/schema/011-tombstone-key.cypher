// One tombstone per erased resident id and project; writes check it by (projectId, hash).
CREATE CONSTRAINT tombstone_key IF NOT EXISTS FOR (t:Tombstone) REQUIRE (t.projectId, t.hash) IS UNIQUE
