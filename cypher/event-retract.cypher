// Marks the events that retractions withdraw (the first retraction of an event wins; later ones
// change nothing) and returns the residents those events name, whose first-event time may move,
// and their spell keys (pairs, memberships) whose projection must be recomputed.
// $projectId, $retractions [{id, event}] -> residents, keys
UNWIND $retractions AS retraction
MATCH (e:Event {projectId: $projectId, id: retraction.event})
SET e.retractedBy = coalesce(e.retractedBy, retraction.id)
WITH e
OPTIONAL MATCH (e)-[:NAMES]->(r:Resident)
RETURN collect(DISTINCT r.id) AS residents, collect(DISTINCT e.spellKey) AS keys
