// Writes TIE segments: (source)-[:TIE]->(target), source the smaller id; times in epoch ms,
// until null while the tie holds. $projectId,
// $segments [{key, source, target, since, until, formed, kind, strength, from, to}] -> created
UNWIND $segments AS s
MATCH (a:Resident {projectId: $projectId, id: s.source})
MATCH (b:Resident {projectId: $projectId, id: s.target})
CREATE (a)-[r:TIE {projectId: $projectId, key: s.key, since: s.since, until: s.until,
                   formed: s.formed, kind: s.kind, strength: s.strength, from: s.from, to: s.to}]->(b)
RETURN count(r) AS created
