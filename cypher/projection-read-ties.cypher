// Every TIE segment of a project (comparing rebuild and upkeep, and /history without replay).
// $projectId -> key, source, target, since, until, formed, kind, strength, from, to, open (in the
// tie_open index)
MATCH (a:Resident)-[r:TIE {projectId: $projectId}]->(b:Resident)
RETURN r.key AS key, a.id AS source, b.id AS target, r.since AS since, r.until AS until,
       r.formed AS formed, r.kind AS kind, r.strength AS strength, r.from AS from, r.to AS to,
       r.openIn IS NOT NULL AS open
ORDER BY key, since
