// What upkeep needs to continue pairs' segments without their history: each pair's open segment
// (until null), if it has one, and the time of its last stored event. With an open segment that
// is the segment's start (a later event would have started a segment or ended the spell); without
// one, the latest of the pair's events (retracted or not). Pairs with no stored event give no row.
// $projectId, $keys -> key, lastAtMs, rel (elementId or null), since, formed, kind, strength, from, to
// USING INDEX SEEK: with few ties stored (an import's second batch) the planner would otherwise
// scan the whole tie_key index once per key.
UNWIND $keys AS key
OPTIONAL MATCH ()-[r:TIE {projectId: $projectId, key: key}]->()
USING INDEX SEEK r:TIE(projectId, key)
WHERE r.until IS NULL
CALL (key, r) {
  OPTIONAL MATCH (e:Event {projectId: $projectId, spellKey: key})
  USING INDEX SEEK e:Event(projectId, spellKey)
  WHERE r IS NULL
  RETURN max(e.atMs) AS latest
}
WITH key, r, coalesce(r.since, latest) AS lastAtMs
WHERE lastAtMs IS NOT NULL
RETURN key, lastAtMs, elementId(r) AS rel, r.since AS since, r.formed AS formed, r.kind AS kind,
       r.strength AS strength, r.from AS from, r.to AS to
