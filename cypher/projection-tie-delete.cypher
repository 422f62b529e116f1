// Removes the TIE segments of the given pairs before they are written again. $projectId, $keys -> deleted
UNWIND $keys AS key
MATCH ()-[r:TIE {projectId: $projectId, key: key}]->()
USING INDEX SEEK r:TIE(projectId, key)
DELETE r
RETURN count(r) AS deleted
