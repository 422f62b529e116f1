// Ends a restore: the project becomes visible to every read and write. $id -> id
MATCH (p:Project {id: $id})
WHERE p.restoringAtMs IS NOT NULL
REMOVE p.restoringAtMs
RETURN p.id AS id
