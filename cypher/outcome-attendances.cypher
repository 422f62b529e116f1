// Attendance events in time order, for the report's involvement and active groups.
// Retracted events and those naming a hidden resident are left out; replay order.
// $projectId, $hidden -> resident, group, atMs
MATCH (e:Event {projectId: $projectId, type: 'attendance'})
WHERE e.retractedBy IS NULL AND NOT e.resident IN $hidden
RETURN e.resident AS resident, e.group AS group, e.atMs AS atMs
ORDER BY e.atMs, e.batch, e.seq
