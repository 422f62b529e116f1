// What upkeep needs to continue memberships' spells without their history: the time of each
// membership's last stored event (retracted or not) and its open spell (until null), if any.
// Memberships with no stored event give no row. $projectId, $keys -> key, lastAtMs, rel (elementId or null), since
UNWIND $keys AS key
MATCH (e:Event {projectId: $projectId, spellKey: key})
USING INDEX SEEK e:Event(projectId, spellKey)
WITH key, max(e.atMs) AS lastAtMs
OPTIONAL MATCH ()-[r:MEMBER_OF {projectId: $projectId, key: key}]->()
USING INDEX SEEK r:MEMBER_OF(projectId, key)
WHERE r.until IS NULL
RETURN key, lastAtMs, elementId(r) AS rel, r.since AS since
