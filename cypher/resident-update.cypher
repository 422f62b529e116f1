// Applies a patch to one resident; absent keys stay as they are ($set carries changedIn, the write's version).
// $projectId, $id, $set (map) -> id
MATCH (r:Resident {projectId: $projectId, id: $id})
SET r += $set
RETURN r.id AS id
