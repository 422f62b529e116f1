// The events of the batches written after $after (a project version), in replay order (time, batch,
// position): what a kept read lacks. Retracted events are kept; what each type of event changes in
// the kept reads is one table, TAIL_EFFECTS in server/store/kept.ts. $projectId, $after -> id, type, atMs, from, to, kind,
// strength, resident, group
MATCH (e:Event)
USING INDEX SEEK e:Event(projectId, batch)
WHERE e.projectId = $projectId AND e.batch > $after
RETURN e.id AS id, e.type AS type, e.atMs AS atMs, e.from AS from, e.to AS to, e.kind AS kind,
       e.strength AS strength, e.resident AS resident, e.group AS group
ORDER BY e.atMs, e.batch, e.seq
