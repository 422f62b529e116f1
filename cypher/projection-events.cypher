// The events that make the spells of some pairs and memberships (not retracted), in replay order.
// $projectId, $keys -> spellKey, type, atMs, from, to, kind, strength, resident, group
UNWIND $keys AS key
MATCH (e:Event {projectId: $projectId, spellKey: key})
USING INDEX SEEK e:Event(projectId, spellKey)
WHERE e.retractedBy IS NULL
RETURN e.spellKey AS spellKey, e.type AS type, e.atMs AS atMs, e.from AS from, e.to AS to,
       e.kind AS kind, e.strength AS strength, e.resident AS resident, e.group AS group
ORDER BY e.atMs, e.batch, e.seq
