// Every event of a project in replay order (time, batch, position in it), retractions among them,
// for its archive. $projectId -> event (its stored properties)
MATCH (e:Event {projectId: $projectId})
RETURN e {.*} AS event
ORDER BY e.atMs, e.batch, e.seq, e.id
