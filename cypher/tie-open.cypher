// The TIE segments holding at any moment after the project's last change: its open ones (openIn is
// set while until is null), through the tie_open index, between residents none of $hidden.
// $projectId, $hidden -> key, source, target, since, until, formed, kind, strength, from, to
MATCH (a:Resident)-[r:TIE]->(b:Resident)
USING INDEX SEEK r:TIE(openIn)
WHERE r.openIn = $projectId AND NOT a.id IN $hidden AND NOT b.id IN $hidden
RETURN r.key AS key, a.id AS source, b.id AS target, r.since AS since, r.until AS until,
       r.formed AS formed, r.kind AS kind, r.strength AS strength, r.from AS from, r.to AS to
