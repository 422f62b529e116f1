// Recomputes residents' first-event time from the events that still name them. $projectId, $ids
UNWIND $ids AS rid
MATCH (r:Resident {projectId: $projectId, id: rid})
OPTIONAL MATCH (r)<-[:NAMES]-(e:Event)
WITH r, min(e.atMs) AS first
SET r.firstEventAtMs = first
RETURN count(r) AS refreshed
