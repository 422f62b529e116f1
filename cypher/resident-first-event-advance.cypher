// Moves residents' first-event time earlier where new events precede it (residents whose first
// event is already earlier are left unwritten). $projectId, $firsts [{id, atMs}]
UNWIND $firsts AS f
MATCH (r:Resident {projectId: $projectId, id: f.id})
WHERE r.firstEventAtMs IS NULL OR f.atMs < r.firstEventAtMs
SET r.firstEventAtMs = f.atMs
RETURN count(r) AS updated
