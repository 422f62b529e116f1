// Connection and disconnection events up to a moment, in replay order (time, then receipt).
// $projectId, $untilMs -> id, type, atMs, from, to, kind, strength
MATCH (e:Event {projectId: $projectId})
WHERE e.type IN ['connection', 'disconnection'] AND e.atMs <= $untilMs
RETURN e.id AS id, e.type AS type, e.atMs AS atMs, e.from AS from, e.to AS to,
       e.kind AS kind, e.strength AS strength
ORDER BY e.atMs, e.recordedAtMs, e.seq
