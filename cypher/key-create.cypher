// Issues a key: only the SHA-256 of its secret is stored. $key {id, hash, role, projects,
// allProjects, name, network, createdAtMs, expiresAtMs} -> id
CREATE (k:ApiKey)
SET k = $key
RETURN k.id AS id
