// Replaces tombstones' keyed hashes by their re-keyed values. $pairs: [{projectId, old, new}]
// -> (nothing)
UNWIND $pairs AS pair
MATCH (t:Tombstone {projectId: pair.projectId, hash: pair.old})
SET t.hash = pair.new
