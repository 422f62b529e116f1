// Starts one step of a restore: locks its hidden project, bumps its version (the step's batch) and
// marks it moving. No row: the project is not being restored (another restore cleared it).
// $id, $nowMs -> version
MATCH (p:Project {id: $id})
WHERE p.restoringAtMs IS NOT NULL
SET p.version = coalesce(p.version, 0) + 1, p.restoringAtMs = $nowMs
RETURN p.version AS version
