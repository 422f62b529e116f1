// Community ids are unique within a project.
CREATE CONSTRAINT community_key IF NOT EXISTS FOR (c:Community) REQUIRE (c.projectId, c.id) IS UNIQUE
