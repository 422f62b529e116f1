// Group ids are unique within a project.
CREATE CONSTRAINT group_key IF NOT EXISTS FOR (g:Group) REQUIRE (g.projectId, g.id) IS UNIQUE
