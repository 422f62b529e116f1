// The kinds a project's ties are stored with, most used first (the import spells a kind the way
// the project already does). $projectId -> kind
MATCH ()-[r:TIE]->()
WHERE r.projectId = $projectId AND r.since IS NOT NULL AND r.kind IS NOT NULL
WITH r.kind AS kind, count(*) AS ties
RETURN kind
ORDER BY ties DESC, kind
