// One Installation node per database: the verifiers of the secrets its data was written with.
CREATE CONSTRAINT installation_id IF NOT EXISTS FOR (i:Installation) REQUIRE i.id IS UNIQUE
