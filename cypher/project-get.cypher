// One project, its version (bumped by every write to it) and lastChangeMs (null: not known);
// projects made before time zones are UTC. $id -> id, name, timeZone, version, lastChangeMs
MATCH (p:Project {id: $id})
RETURN p.id AS id, p.name AS name, coalesce(p.timeZone, 'UTC') AS timeZone,
       coalesce(p.version, 0) AS version, p.lastChangeMs AS lastChangeMs
