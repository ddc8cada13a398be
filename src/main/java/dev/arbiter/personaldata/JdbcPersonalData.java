package dev.arbiter.personaldata;

import dev.arbiter.decision.PersonalData;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.hashing.ChainHash;
import dev.arbiter.hashing.Digests;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Personal data of decisions (table {@code decision_pii}), sealed per record; found only by
 * the keyed hash of a national id; forgotten by deleting the record's wrapped data key, with a
 * chained event that says so.
 */
public final class JdbcPersonalData {

    /** What is stored for a decision: its personal data, or the fact that it was forgotten. */
    public record Stored(PersonalData data, boolean forgotten) {}

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final ObjectMapper json;
    private final Clock clock;

    public JdbcPersonalData(JdbcClient jdbc, PersonalDataCipher cipher, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The storing of a decision's sealed personal data as part of the decision's own statement (a
     * data-modifying CTE): an insert of one row for each row of the relation {@code decision}
     * names, which has the decision's {@code id} (the decision as it is inserted, so that nothing is
     * stored when the decision is not). Empty when the submission has no personal data.
     *
     * @param sql    the insert, with {@code ?} placeholders
     * @param params their values, in order
     */
    public record SealedInsert(String sql, List<Object> params) {}

    public Optional<SealedInsert> sealedInsert(StoredDecision stored, String decision) {
        if (stored.submission().personalData() == null) {
            return Optional.empty();
        }
        UUID decisionId = stored.decision().id();
        PersonalData data = stored.submission().personalData();
        Map<String, String> fields = new TreeMap<>();
        putIfPresent(fields, "name", data.name());
        putIfPresent(fields, "nationalId", data.nationalId());
        putIfPresent(fields, "email", data.email());
        putIfPresent(fields, "phone", data.phone());
        // sealed under the decision's id, which binds the ciphertext to its row
        var sealed = cipher.seal(decisionId, json.writeValueAsBytes(fields));
        return Optional.of(new SealedInsert(
                "insert into decision_pii (decision_id, wrapped_key, sealed, national_id_hash)"
                        + " select id, ?::bytea, ?::bytea, ?::text from " + decision,
                Arrays.asList(
                        sealed.wrappedKey(),
                        sealed.ciphertext(),
                        // typed even when null: an untyped null makes PgJDBC prepare the statement again
                        new SqlParameterValue(
                                Types.VARCHAR,
                                data.nationalId() == null ? null : cipher.nationalIdHash(data.nationalId())))));
    }

    public Optional<Stored> read(UUID decisionId) {
        return jdbc.sql("select wrapped_key, sealed from decision_pii where decision_id = ?")
                .param(decisionId)
                .query((rs, row) -> open(decisionId, rs.getBytes("wrapped_key"), rs.getBytes("sealed")))
                .optional();
    }

    /**
     * A decision's stored personal data from its {@code decision_pii} row's columns, for a reader
     * that joined the row into its own query: forgotten when the wrapped key is gone.
     */
    public Stored open(UUID decisionId, byte[] wrappedKey, byte[] sealed) {
        if (wrappedKey == null) {
            return new Stored(null, true);
        }
        byte[] plain = cipher.open(decisionId, new PersonalDataCipher.Sealed(wrappedKey, sealed));
        Map<String, String> f = json.readValue(plain, new TypeReference<Map<String, String>>() {});
        return new Stored(new PersonalData(f.get("name"), f.get("nationalId"), f.get("email"), f.get("phone")), false);
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    /** Decisions whose applicant has this national id, oldest first. */
    public List<UUID> findByNationalId(String nationalId) {
        return jdbc.sql("""
                select p.decision_id from decision_pii p join decision d on d.id = p.decision_id
                 where p.national_id_hash = ? order by d.decided_at, d.id
                """)
                .param(cipher.nationalIdHash(nationalId))
                .query(UUID.class)
                .list();
    }

    /**
     * Deletes the record's data key, ciphertext and search hash: its personal data can no
     * longer be read by anyone. In the same transaction a chained event records the forget and
     * the digest of what was removed, which the decision's record hash then stands on; a
     * removal without that event is what verification reports. False when the decision has
     * no personal data left to forget.
     */
    /**
     * Removes a decision's sealed personal data and returns the digest of what was removed (empty
     * when there was none). Call it inside the transaction that records the forget as an event,
     * so the removal and its evidence commit together.
     */
    public Optional<String> forget(UUID decisionId) {
        Optional<String> digest = jdbc.sql("""
                select wrapped_key, sealed, national_id_hash from decision_pii
                 where decision_id = ? and wrapped_key is not null for update
                """)
                .param(decisionId)
                .query((rs, row) -> ChainHash.partDigest(
                        ChainHash.LAYOUT,
                        personalDataPart(
                                rs.getBytes("wrapped_key"), rs.getBytes("sealed"), rs.getString("national_id_hash"))))
                .optional();
        digest.ifPresent(removed -> jdbc.sql("""
                update decision_pii set wrapped_key = null, sealed = null, national_id_hash = null, forgotten_at = ?
                 where decision_id = ?
                """)
                .params(Timestamp.from(clock.instant()), decisionId)
                .update());
        return digest;
    }

    /**
     * The part that stands for a decision's sealed personal data: digests of the ciphertext and
     * of the wrapped data key, and the search hash. Null fields once forgotten.
     */
    public static Map<String, Object> personalDataPart(byte[] wrappedKey, byte[] sealed, String nationalIdHash) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("wrappedKey", wrappedKey == null ? null : Digests.sha256Hex(wrappedKey));
        part.put("sealed", sealed == null ? null : Digests.sha256Hex(sealed));
        part.put("nationalIdHash", nationalIdHash);
        return part;
    }
}
