// Starts a write to a project: takes the project's write lock (writes to one project are serialised,
// so the check for stored event ids cannot race) and bumps its version, which read caches key on.
// A project being restored (restoringAtMs set) is not found.
// $id -> id, name, timeZone, version
MATCH (p:Project {id: $id})
WHERE p.restoringAtMs IS NULL
SET p.version = coalesce(p.version, 0) + 1
RETURN p.id AS id, p.name AS name, coalesce(p.timeZone, 'UTC') AS timeZone, p.version AS version
