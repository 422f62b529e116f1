// The import benchmark's baseline (bench/run.ts): events written as they come, without validation,
// id checks, the project lock or any derived data, linked to the residents they name.
// $projectId, $recordedAtMs, $events [{id, type, at, atMs, seq, from, to, kind, strength, source, residents [ids]}] -> created
UNWIND $events AS ev
CREATE (e:Event {projectId: $projectId, id: ev.id, type: ev.type, at: datetime(ev.at),
                 atMs: ev.atMs, recordedAtMs: $recordedAtMs, seq: ev.seq, from: ev.from,
                 to: ev.to, kind: ev.kind, strength: ev.strength, source: ev.source})
WITH e, ev
UNWIND ev.residents AS rid
MATCH (r:Resident {projectId: $projectId, id: rid})
CREATE (e)-[:NAMES]->(r)
RETURN count(DISTINCT e) AS created
