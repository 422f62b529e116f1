// A project's erasure tombstones (keyed hashes only), for its archive. $projectId -> hash, erasedAtMs
MATCH (t:Tombstone {projectId: $projectId})
RETURN t.hash AS hash, t.erasedAtMs AS erasedAtMs
ORDER BY t.hash
