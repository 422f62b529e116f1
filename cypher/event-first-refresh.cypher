// Recomputes residents' first-event time from the events naming them that are not retracted.
// $projectId, $ids -> refreshed
UNWIND $ids AS rid
MATCH (r:Resident {projectId: $projectId, id: rid})
OPTIONAL MATCH (r)<-[:NAMES]-(e:Event)
WHERE e.retractedBy IS NULL
WITH r, min(e.atMs) AS first
SET r.firstEventAtMs = first
RETURN count(r) AS refreshed
