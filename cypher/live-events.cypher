// The events of the batches written after $after and up to $upTo (project versions), in the order
// they were written (batch, then position in it), at most $limit: the live stream's change between
// the two versions. Retractions come as events like any other.
// $projectId, $after, $upTo, $limit -> event (its stored properties)
MATCH (e:Event)
USING INDEX SEEK e:Event(projectId, batch)
WHERE e.projectId = $projectId AND e.batch > $after AND e.batch <= $upTo
RETURN e {.*} AS event
ORDER BY e.batch, e.seq
LIMIT $limit
