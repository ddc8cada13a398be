-- An application id is the lender's own reference: unique per client, as idempotency keys are
-- scoped per account. Two lenders may use the same id; neither learns of the other's decision.
-- Decisions without a client (none are written by the API) keep the old rule among themselves.
alter table decision drop constraint decision_application_unique;
create unique index decision_client_application_unique on decision (coalesce(client_id, ''), application_id);
