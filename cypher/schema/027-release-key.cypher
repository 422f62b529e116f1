// Release ids are unique within a project; a project's releases are listed by projectId.
CREATE CONSTRAINT release_key IF NOT EXISTS FOR (r:Release) REQUIRE (r.projectId, r.id) IS UNIQUE
