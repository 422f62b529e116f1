// Membership and departure events that are not retracted, in replay order (time, batch, position). $projectId, $hidden (resident ids left out) -> type, atMs, resident, group
MATCH (e:Event {projectId: $projectId})
WHERE e.type IN ['membership', 'departure'] AND e.retractedBy IS NULL
  AND NOT e.resident IN $hidden
RETURN e.type AS type, e.atMs AS atMs, e.resident AS resident, e.group AS group
ORDER BY e.atMs, e.batch, e.seq
