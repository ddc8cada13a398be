package dev.arbiter.recording;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Decision;
import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.Features;
import dev.arbiter.decision.FiredRule;
import dev.arbiter.decision.Intervention;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.PersonalData;
import dev.arbiter.decision.Reason;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.decision.Submission;
import dev.arbiter.decision.Terms;
import dev.arbiter.personaldata.JdbcPersonalData;
import dev.arbiter.security.JdbcNonceStore;
import dev.arbiter.security.NonceReplayedException;
import dev.arbiter.security.SignedNonce;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * The one writer of the decision record. A decision, its owner, its retention date, its
 * monitoring fields, its sealed personal data and its chain entry are written in one
 * transaction with no follow-up updates; in the same transaction {@link DecisionRecorded} is
 * published, so what follows a commit (chain linking, the shadow run, events for other
 * systems) is registered durably with the decision and runs after it, off the request thread.
 * Reads return the decision with its owner and its personal data (opened, or absent once
 * forgotten).
 */
public final class DecisionRecorder implements DecisionLog {

    /** A decision with its monitoring fields and its sealed personal data: one round trip. */
    private static final String SELECT = """
            select d.*, m.fields as monitoring, p.decision_id is not null as pii_present,
                   p.wrapped_key as pii_wrapped_key, p.sealed as pii_sealed
              from decision d left join decision_monitoring m on m.decision_id = d.id
                              left join decision_pii p on p.decision_id = d.id
            """;

    /**
     * What {@link #show} reads: the columns a reader is shown (not the application, its
     * fingerprint or its monitoring fields, which are neither shown nor needed to decide who may
     * see it), and whether any event (a review, an adverse-action notice, a repayment) is recorded
     * for the decision, in the same snapshot: most decisions have none, and a reader then need not
     * ask for them.
     */
    private static final String SHOWN_COLUMNS = """
            d.id, d.application_id, d.outcome, d.reasons, d.terms, d.ruleset_version,
                   d.ensemble_version, d.features, d.scores, d.fired_rules, d.guardrails,
                   d.decided_at, d.client_id,
                   p.decision_id is not null as pii_present, p.wrapped_key as pii_wrapped_key,
                   p.sealed as pii_sealed,
                   exists (select 1 from decision_event e where e.decision_id = d.id) as has_events""";

    private static final String SHOWN = "select " + SHOWN_COLUMNS + """

              from decision d left join decision_pii p on p.decision_id = d.id
             where d.id = ?""";

    /**
     * The same with the request's nonce recorded first ({@code %s}, the nonce's insert): one row
     * whether or not the decision exists, saying whether the nonce was fresh.
     */
    private static final String SHOWN_WITH_NONCE = "with n as (%s)\nselect " + SHOWN_COLUMNS + """
            ,
                   (select count(*) from n) as nonce_fresh
              from (select 1) one left join decision d on d.id = ?
                                  left join decision_pii p on p.decision_id = d.id""";

    /** The personal-data columns of the stored row (DecisionAppendHook) when the decision has personal data. */
    private static final String PERSONAL_DATA = """
            true as pii_present, p.wrapped_key as pii_wrapped_key, p.sealed as pii_sealed,
            p.national_id_hash as pii_national_id_hash, p.forgotten_at as pii_forgotten_at,
            null::text as pii_forgotten_digest""";

    /** The same columns when it has none. */
    private static final String NO_PERSONAL_DATA = """
            false as pii_present, null::bytea as pii_wrapped_key, null::bytea as pii_sealed,
            null::text as pii_national_id_hash, null::timestamptz as pii_forgotten_at,
            null::text as pii_forgotten_digest""";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final RetentionDates retention;
    private final JdbcPersonalData personal;
    private final DecisionAppendHook chain;
    private final ApplicationEventPublisher events;
    private final JdbcNonceStore nonces;
    // a reader per column type, made once: readValue with a type reference resolves the type and
    // finds its deserializer on every call, and a read decision has seven columns of JSON
    private final ObjectReader applicationReader;
    private final ObjectReader reasonsReader;
    private final ObjectReader termsReader;
    private final ObjectReader featuresReader;
    private final ObjectReader scoresReader;
    private final ObjectReader firedRulesReader;
    private final ObjectReader guardrailsReader;
    private final ObjectReader monitoringReader;

    public DecisionRecorder(
            JdbcClient jdbc,
            TransactionTemplate tx,
            ObjectMapper json,
            RetentionDates retention,
            JdbcPersonalData personal,
            DecisionAppendHook chain,
            ApplicationEventPublisher events,
            JdbcNonceStore nonces) {
        this.nonces = nonces;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.retention = retention;
        this.personal = personal;
        this.chain = chain;
        this.events = events;
        this.applicationReader = json.readerFor(new TypeReference<Application>() {});
        this.reasonsReader = json.readerFor(new TypeReference<List<Reason>>() {});
        this.termsReader = json.readerFor(new TypeReference<Terms>() {});
        this.featuresReader = json.readerFor(new TypeReference<Features>() {});
        this.scoresReader = json.readerFor(new TypeReference<List<ModelScore>>() {});
        this.firedRulesReader = json.readerFor(new TypeReference<List<FiredRule>>() {});
        this.guardrailsReader = json.readerFor(new TypeReference<List<Intervention>>() {});
        this.monitoringReader = json.readerFor(new TypeReference<Map<String, Object>>() {});
    }

    @Override
    public Optional<StoredDecision> find(UUID decisionId) {
        return jdbc.sql(SELECT + " where d.id = ?")
                .param(decisionId)
                .query(this::map)
                .optional();
    }

    /**
     * A stored decision as a reader is shown it: the decision, the client whose it is, its
     * personal data (opened; null when none was sent or it has been forgotten), and whether any
     * event is recorded for it.
     */
    public record Shown(Decision decision, String clientId, PersonalData personalData, boolean hasEvents) {}

    /** The decision {@code decisionId} as {@link Shown}: one round trip, and only the columns shown are read and parsed. */
    public Optional<Shown> show(UUID decisionId) {
        return jdbc.sql(SHOWN).param(decisionId).query(this::shown).optional();
    }

    /**
     * As {@link #show(UUID)}, recording the signed request's {@code nonce} in the same statement
     * (a data-modifying CTE, one round trip and one commit instead of two): the nonce is recorded
     * whether or not the decision exists, and the statement's commit (its WAL on disk) comes
     * before anything is returned. A nonce already used is refused with
     * {@link NonceReplayedException} and nothing is shown.
     */
    public Optional<Shown> show(UUID decisionId, SignedNonce nonce) {
        if (nonce == null) {
            return show(decisionId);
        }
        JdbcNonceStore.FirstUse first = nonces.firstUseStatement(nonce);
        List<Object> params = new ArrayList<>(first.params());
        params.add(decisionId);
        // one row always: whether the nonce was fresh, and the decision's columns (null when there is none)
        return jdbc.sql(SHOWN_WITH_NONCE.formatted(first.sql()))
                .params(params)
                .query((rs, row) -> {
                    if (rs.getInt("nonce_fresh") == 0) {
                        throw new NonceReplayedException(nonce);
                    }
                    return rs.getObject("id") == null ? Optional.<Shown>empty() : Optional.of(shown(rs, row));
                })
                .single();
    }

    private Shown shown(ResultSet rs, int row) throws SQLException {
        Decision decision = decision(rs);
        return new Shown(
                decision, rs.getString("client_id"), personalData(rs, decision.id()), rs.getBoolean("has_events"));
    }

    @Override
    public Optional<StoredDecision> findByApplicationId(String clientId, String applicationId) {
        // the same expression as the unique index, so the lookup is the index's
        return jdbc.sql(SELECT + " where coalesce(d.client_id, '') = coalesce(?, '') and d.application_id = ?")
                .params(clientId, applicationId)
                .query(this::map)
                .optional();
    }

    @Override
    public void append(StoredDecision stored) {
        Decision d = stored.decision();
        Application app = stored.submission().application();
        Instant retainUntil = retention.retainUntil(app.dataRegion(), d.decidedAt());
        try {
            SignedNonce nonce = NonceWithDecision.take();
            tx.executeWithoutResult(status -> {
                if (insert(stored, retainUntil, nonce) == 0) {
                    // the request's nonce was used: by a replay, or by a copy of this request whose
                    // transaction committed while this one waited on its nonce row
                    throw new NonceReplayedException(nonce);
                }
                events.publishEvent(DecisionRecorded.of(d));
            });
        } catch (DuplicateKeyException duplicate) {
            throw new DuplicateApplicationException(d.applicationId(), duplicate);
        }
    }

    /**
     * The decision with everything it owns that is known before it is stored, in one statement (a
     * data-modifying CTE, one round trip): the request's nonce (security's insert), the decision,
     * its monitoring fields and its sealed personal data (personaldata's insert). The decision is
     * inserted only if the nonce was unused (it selects from the nonce's insert), and the rows it
     * owns only with it (they select from the decision's insert), so a used nonce stores nothing.
     * A copy of the same signed request in a concurrent transaction waits on the nonce's row and,
     * once that commits, finds it used: as when the nonce was a statement of its own.
     *
     * <p>The statement answers with the rows as stored (each insert's {@code returning}), in the
     * columns of a decision read with what it owns, and the append hook (the chain entry) hashes
     * that row in the same transaction: the stored record without a statement to read it back.
     *
     * @return decisions inserted: 1, or 0 when the nonce was used
     */
    private int insert(StoredDecision stored, Instant retainUntil, SignedNonce nonce) {
        Decision d = stored.decision();
        Application app = stored.submission().application();
        List<String> ctes = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (nonce != null) {
            JdbcNonceStore.FirstUse first = nonces.firstUseStatement(nonce);
            ctes.add("n as (" + first.sql() + ")");
            params.addAll(first.params());
        }
        // typed in the select list: no insert target types the parameters of a select
        ctes.add("""
                d as (
                    insert into decision (id, application_id, request_fingerprint, outcome, ruleset_version,
                        ensemble_version, product, data_region, thin_file, decided_at, application, features,
                        scores, fired_rules, reasons, terms, guardrails, client_id, retain_until)
                    select ?::uuid, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::boolean,
                           ?::timestamptz, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb,
                           ?::text, ?::timestamptz""" + (nonce == null ? "" : " from n") + """

                    returning *)""");
        params.addAll(Arrays.asList(
                d.id(),
                d.applicationId(),
                stored.submission().fingerprint(),
                d.outcome().name(),
                d.rulesetVersion(),
                text(d.ensembleVersion()),
                app.product().name(),
                app.dataRegion(),
                d.features().thinFile(),
                Timestamp.from(d.decidedAt()),
                write(app),
                write(d.features()),
                write(d.scores()),
                write(d.firedRules()),
                write(d.reasons()),
                text(d.terms() == null ? null : write(d.terms())),
                write(d.guardrails()),
                text(stored.submission().clientId()),
                Timestamp.from(retainUntil)));
        String monitoring = "null::jsonb as monitoring";
        String from = "d";
        if (!stored.submission().monitoring().isEmpty()) {
            ctes.add("m as (insert into decision_monitoring (decision_id, fields) select id, ?::jsonb from d"
                    + " returning fields)");
            params.add(write(stored.submission().monitoring()));
            monitoring = "m.fields as monitoring";
            from += " cross join m";
        }
        // sealed before the chain entry is hashed, so the record hash covers it
        String pii = NO_PERSONAL_DATA;
        var sealed = personal.sealedInsert(stored, "d");
        if (sealed.isPresent()) {
            ctes.add("p as (" + sealed.get().sql() + " returning *)");
            params.addAll(sealed.get().params());
            pii = PERSONAL_DATA;
            from += " cross join p";
        }
        // one row when the decision was inserted, none when the nonce was used
        String sql = "with " + String.join(",\n", ctes) + "\nselect d.*, " + monitoring + ", " + pii + " from " + from;
        return jdbc.sql(sql)
                .params(params)
                .query((rs, row) -> {
                    chain.stored(stored, rs);
                    return row;
                })
                .list()
                .size();
    }

    /**
     * A text parameter that may be null, typed as text either way: a null sent without a type
     * changes the statement's parameter types, and PgJDBC then prepares it again and PostgreSQL
     * plans it again, on every switch between a decision with terms and one without.
     */
    static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    private StoredDecision map(ResultSet rs, int row) throws SQLException {
        // a purged record keeps JSON null where the application was
        Application app = applicationReader.readValue(rs.getString("application"));
        String monitoring = rs.getString("monitoring");
        Decision decision = decision(rs);
        Map<String, Object> fields = monitoring == null ? Map.of() : monitoringReader.readValue(monitoring);
        return new StoredDecision(
                decision,
                new Submission(
                        app,
                        fields,
                        rs.getString("request_fingerprint"),
                        rs.getString("client_id"),
                        personalData(rs, decision.id())));
    }

    private Decision decision(ResultSet rs) throws SQLException {
        String terms = rs.getString("terms");
        return new Decision(
                rs.getObject("id", UUID.class),
                rs.getString("application_id"),
                Outcome.valueOf(rs.getString("outcome")),
                reasonsReader.readValue(rs.getString("reasons")),
                terms == null ? null : termsReader.readValue(terms),
                rs.getString("ruleset_version"),
                rs.getString("ensemble_version"),
                featuresReader.readValue(rs.getString("features")),
                scoresReader.readValue(rs.getString("scores")),
                firedRulesReader.readValue(rs.getString("fired_rules")),
                guardrailsReader.readValue(rs.getString("guardrails")),
                rs.getTimestamp("decided_at").toInstant());
    }

    /** Personal data stays null when none was sent and when it has been forgotten. */
    private PersonalData personalData(ResultSet rs, UUID decisionId) throws SQLException {
        return rs.getBoolean("pii_present")
                ? personal.open(decisionId, rs.getBytes("pii_wrapped_key"), rs.getBytes("pii_sealed"))
                        .data()
                : null;
    }

    private String write(Object value) {
        return json.writeValueAsString(value);
    }
}
