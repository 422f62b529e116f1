// Applies a patch to one resident; absent keys stay as they are. $projectId, $id, $set (map) -> id
MATCH (r:Resident {projectId: $projectId, id: $id})
SET r += $set
RETURN r.id AS id
