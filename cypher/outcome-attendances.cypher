// Attendance events in time order, for the report's involvement and active groups.
// $projectId -> resident, group, atMs
MATCH (e:Event {projectId: $projectId, type: 'attendance'})
RETURN e.resident AS resident, e.group AS group, e.atMs AS atMs
ORDER BY e.atMs, e.recordedAtMs, e.seq
