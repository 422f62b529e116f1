// The other project ids a project's tombstones were keyed with (it was restored under a new id):
// an id is erased when its hash under any of them, or the project's own, is a tombstone.
// $projectId -> keyedFor
MATCH (t:Tombstone {projectId: $projectId})
WHERE t.keyedFor IS NOT NULL
RETURN DISTINCT t.keyedFor AS keyedFor
