// Every issued key without its hash, oldest first (keys issued before the network grant existed
// have none). -> id, role, projects, allProjects, name, network, createdAtMs, expiresAtMs,
// lastUsedAtMs
MATCH (k:ApiKey)
RETURN k.id AS id, k.role AS role, k.projects AS projects, k.allProjects AS allProjects,
       k.name AS name, coalesce(k.network, false) AS network, k.createdAtMs AS createdAtMs,
       k.expiresAtMs AS expiresAtMs, k.lastUsedAtMs AS lastUsedAtMs
ORDER BY k.createdAtMs, k.id
