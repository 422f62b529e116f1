// Upkeep replaces the MEMBER_OF spells of the memberships a write touches: found by their key.
CREATE INDEX member_of_key IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.projectId, r.key)
