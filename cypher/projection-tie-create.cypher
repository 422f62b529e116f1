// Writes TIE segments: (source)-[:TIE]->(target), source the smaller id; times in epoch ms,
// until null while the tie holds (and then openIn, the project's id, for the tie_open index).
// Grouped by pair, so each resident is looked up once per pair.
// $projectId, $pairs [{key, source, target, segments [{since, until, formed, kind, strength, from, to}]}] -> created
UNWIND $pairs AS p
MATCH (a:Resident {projectId: $projectId, id: p.source})
MATCH (b:Resident {projectId: $projectId, id: p.target})
UNWIND p.segments AS s
CREATE (a)-[r:TIE {projectId: $projectId, key: p.key, since: s.since, until: s.until,
                   formed: s.formed, kind: s.kind, strength: s.strength, from: s.from, to: s.to,
                   openIn: CASE WHEN s.until IS NULL THEN $projectId END}]->(b)
RETURN count(r) AS created
