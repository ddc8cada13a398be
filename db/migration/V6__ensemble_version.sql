-- The version (SHA-256 of engine/ensemble.yaml) of the model ensemble configuration each
-- decision was made under. Null for decisions stored before it was recorded.
alter table decision add column ensemble_version text;
