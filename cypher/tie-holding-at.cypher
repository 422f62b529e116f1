// The TIE segments holding at a moment (since <= $atMs < until, until null: open), through the
// tie_since index, between residents none of $hidden. Whether both have joined is checked by the caller.
// $projectId, $atMs, $hidden -> key, source, target, since, until, formed, kind, strength, from, to
MATCH (a:Resident)-[r:TIE]->(b:Resident)
USING INDEX SEEK r:TIE(projectId, since)
WHERE r.projectId = $projectId AND r.since <= $atMs AND (r.until IS NULL OR r.until > $atMs)
  AND NOT a.id IN $hidden AND NOT b.id IN $hidden
RETURN r.key AS key, a.id AS source, b.id AS target, r.since AS since, r.until AS until,
       r.formed AS formed, r.kind AS kind, r.strength AS strength, r.from AS from, r.to AS to
