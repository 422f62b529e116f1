// The type of each of $ids stored as an event of the project (checking what a retraction names).
// $projectId, $ids -> id, type
UNWIND $ids AS wanted
MATCH (e:Event {projectId: $projectId, id: wanted})
RETURN e.id AS id, e.type AS type
