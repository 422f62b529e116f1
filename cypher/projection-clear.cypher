// Removes a project's whole projection before a rebuild. $projectId -> deleted
MATCH ()-[r:TIE|MEMBER_OF {projectId: $projectId}]->()
DELETE r
RETURN count(r) AS deleted
