// Removes the MEMBER_OF spells of the given memberships before they are written again.
// $projectId, $keys -> deleted
UNWIND $keys AS key
MATCH ()-[r:MEMBER_OF {projectId: $projectId, key: key}]->()
USING INDEX SEEK r:MEMBER_OF(projectId, key)
DELETE r
RETURN count(r) AS deleted
