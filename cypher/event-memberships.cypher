// Membership and departure events that are not retracted, in replay order (time, batch, position). $projectId -> type, atMs, resident, group
MATCH (e:Event {projectId: $projectId})
WHERE e.type IN ['membership', 'departure'] AND e.retractedBy IS NULL
RETURN e.type AS type, e.atMs AS atMs, e.resident AS resident, e.group AS group
ORDER BY e.atMs, e.batch, e.seq
