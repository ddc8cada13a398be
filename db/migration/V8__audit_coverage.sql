-- Every record names the layout its chain hash was computed in. Records stored before this
-- migration keep layout 1 (outcome, reasons, terms, scores, application, ... but not the
-- owning client nor the sealed personal data); records from now on get layout 2, which also
-- covers the owning client (who may read the decision) and the digest of the sealed personal
-- data (so a deleted or swapped decision_pii row is found), and spells numbers per RFC 8785.
alter table decision add column record_layout smallint not null default 1;
alter table decision alter column record_layout set default 2;
alter table decision add constraint decision_record_layout_known check (record_layout in (1, 2));

alter table decision_event add column record_layout smallint not null default 1;
alter table decision_event alter column record_layout set default 2;
alter table decision_event add constraint decision_event_record_layout_known check (record_layout in (1, 2));
