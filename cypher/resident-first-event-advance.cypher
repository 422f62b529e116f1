// Moves residents' first-event time earlier where new events precede it. $projectId, $firsts [{id, atMs}]
UNWIND $firsts AS f
MATCH (r:Resident {projectId: $projectId, id: f.id})
SET r.firstEventAtMs = CASE WHEN r.firstEventAtMs IS NULL OR f.atMs < r.firstEventAtMs
                            THEN f.atMs ELSE r.firstEventAtMs END
RETURN count(r) AS updated
