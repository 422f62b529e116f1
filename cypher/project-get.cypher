// One project and its version (bumped by every write to it); projects made before time zones are UTC.
// $id -> id, name, timeZone, version
MATCH (p:Project {id: $id})
RETURN p.id AS id, p.name AS name, coalesce(p.timeZone, 'UTC') AS timeZone,
       coalesce(p.version, 0) AS version
