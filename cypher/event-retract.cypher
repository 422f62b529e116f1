// Marks the events that retractions withdraw (the first retraction of an event wins; later ones
// change nothing) and returns the residents those events name, whose first-event time may move.
// $projectId, $retractions [{id, event}] -> residents
UNWIND $retractions AS retraction
MATCH (e:Event {projectId: $projectId, id: retraction.event})
SET e.retractedBy = coalesce(e.retractedBy, retraction.id)
WITH e
OPTIONAL MATCH (e)-[:NAMES]->(r:Resident)
RETURN collect(DISTINCT r.id) AS residents
