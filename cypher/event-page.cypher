// One page of a project's event log in replay order (time, then batch, then position in it), after a cursor;
// optionally only the events naming one resident (what the service holds about a person).
// $projectId, $fromMs, $toMs, $types (list or null), $residentId (or null),
// $after ({atMs, batch, seq, id} or null), $limit -> event (its stored properties)
MATCH (e:Event {projectId: $projectId})
WHERE e.atMs >= $fromMs AND e.atMs <= $toMs
  AND ($types IS NULL OR e.type IN $types)
  AND ($residentId IS NULL OR EXISTS { (e)-[:NAMES]->(:Resident {id: $residentId}) })
  AND ($after IS NULL
       OR e.atMs > $after.atMs
       OR (e.atMs = $after.atMs AND (e.batch > $after.batch
           OR (e.batch = $after.batch AND (e.seq > $after.seq
               OR (e.seq = $after.seq AND e.id > $after.id))))))
RETURN e {.*} AS event
ORDER BY e.atMs, e.batch, e.seq, e.id
LIMIT $limit
