// Marks an erased resident id: only a keyed hash of project and id is kept, so the id cannot be
// read back, yet re-creating it can be refused. $projectId, $hash, $erasedAtMs -> (nothing)
MERGE (t:Tombstone {projectId: $projectId, hash: $hash})
ON CREATE SET t.erasedAtMs = $erasedAtMs
