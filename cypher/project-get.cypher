// One project, its version (bumped by every write to it), lastChangeMs (null: not known) and the
// version of the last write that changed events already logged (0: none); projects made before
// time zones are UTC. $id -> id, name, timeZone, version, lastChangeMs, historyRewrittenAt
MATCH (p:Project {id: $id})
RETURN p.id AS id, p.name AS name, coalesce(p.timeZone, 'UTC') AS timeZone,
       coalesce(p.version, 0) AS version, p.lastChangeMs AS lastChangeMs,
       coalesce(p.historyRewrittenAt, 0) AS historyRewrittenAt
