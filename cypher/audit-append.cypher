// Appends one audit entry (no personal data: the route pattern, never ids, names or bodies).
// $entry {id, atMs, keyId, role, action, project, countsJson, status} -> (nothing)
CREATE (a:AuditEntry)
SET a = $entry
