// What upkeep needs to continue pairs' segments without their history: the time of each pair's
// last stored event (retracted or not) and its open segment (until null), if it has one. Pairs
// with no stored event give no row. $projectId, $keys
// -> key, lastAtMs, rel (elementId or null), since, formed, kind, strength, from, to
UNWIND $keys AS key
MATCH (e:Event {projectId: $projectId, spellKey: key})
WITH key, max(e.atMs) AS lastAtMs
OPTIONAL MATCH ()-[r:TIE {projectId: $projectId, key: key}]->()
WHERE r.until IS NULL
RETURN key, lastAtMs, elementId(r) AS rel, r.since AS since, r.formed AS formed, r.kind AS kind,
       r.strength AS strength, r.from AS from, r.to AS to
