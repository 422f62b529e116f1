// Appends audit entries, those of requests answered at about the same time in one statement (no
// personal data: the route pattern, never ids, names or bodies).
// $entries [{id, atMs, keyId, role, action, project, countsJson, detailJson, status}] -> (nothing)
UNWIND $entries AS entry
CREATE (a:AuditEntry)
SET a = entry
