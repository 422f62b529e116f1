// Deletes a hidden project's node once its contents are purged (restore-purge). $id -> dropped
MATCH (p:Project {id: $id})
WHERE p.restoringAtMs IS NOT NULL
DETACH DELETE p
RETURN count(*) AS dropped
