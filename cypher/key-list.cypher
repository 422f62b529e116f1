// Every issued key without its hash, oldest first. -> id, role, projects, allProjects, name,
// createdAtMs, expiresAtMs, lastUsedAtMs
MATCH (k:ApiKey)
RETURN k.id AS id, k.role AS role, k.projects AS projects, k.allProjects AS allProjects,
       k.name AS name, k.createdAtMs AS createdAtMs, k.expiresAtMs AS expiresAtMs,
       k.lastUsedAtMs AS lastUsedAtMs
ORDER BY k.createdAtMs, k.id
