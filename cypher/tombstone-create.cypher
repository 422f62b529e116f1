// Marks an erased resident id: only a keyed hash of project and id is kept, so the id cannot be
// read back, yet re-creating it can be refused. $keyedFor: the project id the hash was keyed with
// when it is not $projectId (a project restored under another id), else null.
// $projectId, $hash, $erasedAtMs, $keyedFor -> (nothing)
MERGE (t:Tombstone {projectId: $projectId, hash: $hash})
ON CREATE SET t.erasedAtMs = $erasedAtMs, t.keyedFor = $keyedFor
