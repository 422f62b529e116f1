// The key whose secret hashes to $hash (unique index), as every authenticated request reads it.
// $hash -> id, role, projects, allProjects, name, network, expiresAtMs, lastUsedAtMs
MATCH (k:ApiKey {hash: $hash})
RETURN k.id AS id, k.role AS role, k.projects AS projects, k.allProjects AS allProjects,
       k.name AS name, coalesce(k.network, false) AS network, k.expiresAtMs AS expiresAtMs,
       k.lastUsedAtMs AS lastUsedAtMs
