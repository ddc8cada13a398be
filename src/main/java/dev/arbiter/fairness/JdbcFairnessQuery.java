package dev.arbiter.fairness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The counts a fairness report is computed from, per group of decisions made in a period. The
 * query is the cookbook's, {@code db/queries/fairness-report.sql}, read from the classpath, so
 * what an examiner runs in psql and what the API reports cannot drift apart; its psql variables
 * become bind parameters. The API takes the counts and computes the metrics itself, with
 * their intervals.
 */
public final class JdbcFairnessQuery {

    static final String COOKBOOK = "db/queries/fairness-report.sql";

    /**
     * One group's counts; good and bad count decisions whose latest repayment observation is
     * GOOD, or DELINQUENT or DEFAULT. REFER counts as not approved.
     */
    public record Segment(
            String group, long decisions, long approved, long good, long goodApproved, long bad, long badApproved) {}

    private static final String SQL = bindable(read(COOKBOOK));

    private final JdbcClient jdbc;

    public JdbcFairnessQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param from       first UTC day of the period
     * @param to         last UTC day of the period (included)
     * @param reference  the group the others are compared with
     * @param definition only decisions made under this thin-file definition version; null for all
     */
    public List<Segment> segments(GroupBy groupBy, String reference, LocalDate from, LocalDate to, String definition) {
        return segments(SQL, groupBy, reference, from, to, definition);
    }

    /** {@code query} (the cookbook's text, made bindable) run as the report runs it. */
    List<Segment> segments(
            String query, GroupBy groupBy, String reference, LocalDate from, LocalDate to, String definition) {
        // The grouping and the period go into the text as literals (both are validated values: a
        // GroupBy and two dates), so every plan knows them: bound, they leave a generic plan (which
        // the driver's server-side prepared statement gets after a few calls) estimating a couple
        // of thousand decisions for a year's million, probing the reviews and the monitoring fields
        // once per decision (8.6 s instead of 1.6 s for a year of a million decisions), and keep
        // the monitoring join that the thin-file and age groupings do not read.
        String sql = query.replace("cast(:groupBy as text)", literal(groupBy.toString()))
                .replace("cast(:from as text)", literal(from.toString()))
                .replace("cast(:to as text)", literal(to.toString()));
        return jdbc.sql(sql)
                .param("reference", reference)
                .param("definition", definition == null ? "" : definition)
                .query((rs, row) -> new Segment(
                        rs.getString("group"),
                        rs.getLong("decisions"),
                        rs.getLong("approved"),
                        rs.getLong("good"),
                        rs.getLong("good_approved"),
                        rs.getLong("bad"),
                        rs.getLong("bad_approved")))
                .list();
    }

    /** A SQL string literal, quotes doubled. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** psql's quoted variable {@code :'name'} as a text bind parameter; the query is otherwise unchanged. */
    static String bindable(String psql) {
        return psql.replaceAll(":'([A-Za-z]+)'", "cast(:$1 as text)").strip().replaceAll(";$", "");
    }

    static String read(String resource) {
        try (InputStream in = JdbcFairnessQuery.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (pom.xml copies db/queries)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
