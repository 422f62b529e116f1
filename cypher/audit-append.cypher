// Appends audit entries, those of requests answered at about the same time in one statement (no
// personal data: the route pattern, never ids, names or bodies; a resident changed is a keyed hash,
// the fields changed their names only; null fields are not stored).
// $entries [{id, atMs, keyId, role, action, project, countsJson, detailJson, status, resident, fields}] -> (nothing)
UNWIND $entries AS entry
CREATE (a:AuditEntry)
SET a = entry
