// The versions of some projects (bumped by every write to one): the live stream polls those it has
// listeners for, to learn of writes through other API processes. $ids -> id, version
MATCH (p:Project)
WHERE p.id IN $ids
RETURN p.id AS id, coalesce(p.version, 0) AS version
