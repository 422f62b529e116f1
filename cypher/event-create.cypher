// Appends events and links each to the residents it names.
// $batch is the project version taken under its write lock: it orders events at one instant.
// $projectId, $batch, $recordedAtMs, $events [{id, type, at, atMs, seq, props (map), residents [ids]}] -> created
UNWIND $events AS ev
CREATE (e:Event {projectId: $projectId, id: ev.id, type: ev.type, at: datetime(ev.at),
                 atMs: ev.atMs, batch: $batch, recordedAtMs: $recordedAtMs, seq: ev.seq})
SET e += ev.props
WITH e, ev
UNWIND ev.residents AS rid
MATCH (r:Resident {projectId: $projectId, id: rid})
CREATE (e)-[:NAMES]->(r)
RETURN count(DISTINCT e) AS created
