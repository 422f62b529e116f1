// Cost ids are unique within a project.
CREATE CONSTRAINT cost_key IF NOT EXISTS FOR (c:Cost) REQUIRE (c.projectId, c.id) IS UNIQUE
