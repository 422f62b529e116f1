// A project's erasure tombstones (keyed hashes only), for its archive, with the project id each was
// keyed with when it was restored under another (else null). $projectId -> hash, erasedAtMs, keyedFor
MATCH (t:Tombstone {projectId: $projectId})
RETURN t.hash AS hash, t.erasedAtMs AS erasedAtMs, t.keyedFor AS keyedFor
ORDER BY t.hash
