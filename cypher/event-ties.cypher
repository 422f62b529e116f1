// Every connection and disconnection event of a project that is not retracted, in replay order (time, then batch, then position).
// The store caches this list and cuts it at a moment itself. $projectId -> id, type, atMs, from, to, kind, strength
MATCH (e:Event {projectId: $projectId})
WHERE e.type IN ['connection', 'disconnection'] AND e.retractedBy IS NULL
RETURN e.id AS id, e.type AS type, e.atMs AS atMs, e.from AS from, e.to AS to,
       e.kind AS kind, e.strength AS strength
ORDER BY e.atMs, e.batch, e.seq
