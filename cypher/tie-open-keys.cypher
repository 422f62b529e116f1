// The open TIE segments of some pairs (their keys), between residents none of $hidden: what a
// kept network after the last change re-reads for the pairs new events touched.
// $projectId, $keys, $hidden -> key, source, target, since, until, formed, kind, strength, from, to
MATCH (a:Resident)-[r:TIE]->(b:Resident)
USING INDEX SEEK r:TIE(projectId, key)
WHERE r.projectId = $projectId AND r.key IN $keys AND r.until IS NULL
  AND NOT a.id IN $hidden AND NOT b.id IN $hidden
RETURN r.key AS key, a.id AS source, b.id AS target, r.since AS since, r.until AS until,
       r.formed AS formed, r.kind AS kind, r.strength AS strength, r.from AS from, r.to AS to
