package dev.arbiter.fairness;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The counts a fairness report is computed from, per group of decisions made in a period.
 * The same query, with the metrics, is in {@code db/queries/fairness-report.sql}.
 */
public final class JdbcFairnessQuery {

    /**
     * One group's counts; good and bad count decisions whose latest repayment observation is
     * GOOD, or DELINQUENT or DEFAULT. REFER counts as not approved.
     */
    public record Segment(String group, long decisions, long approved, long good, long goodApproved, long bad,
                          long badApproved) {
    }

    /** The group expressions; fixed SQL, never built from a request (a monitoring field is a bind parameter). */
    public enum Grouping {
        THIN_FILE("d.thin_file::text"),
        AGE_BAND("""
                case when (d.application -> 'applicant' ->> 'age')::int < 25 then '<25'
                     when (d.application -> 'applicant' ->> 'age')::int <= 61 then '25-61'
                     else '62+' end"""),
        MONITORING("coalesce(m.fields ->> cast(:field as text), '(missing)')");

        private final String expression;

        Grouping(String expression) {
            this.expression = expression;
        }
    }

    private static final String SQL = """
            with latest as (
                select distinct on (decision_id) decision_id, status
                  from decision_performance
                 order by decision_id, observed_on desc
            ), rows as (
                select %s as grp, coalesce(r.body ->> 'outcome', d.outcome) = 'APPROVE' as approved, l.status
                  from decision d
                  left join decision_event r on r.decision_id = d.id and r.kind = 'REVIEW'
                  left join decision_monitoring m on m.decision_id = d.id
                  left join latest l on l.decision_id = d.id
                 where d.decided_at >= :from and d.decided_at < :to
                   and (cast(:definition as text) is null or d.thin_file_definition = :definition)
            )
            select grp,
                   count(*)                                                             as decisions,
                   count(*) filter (where approved)                                     as approved,
                   count(*) filter (where status = 'GOOD')                              as good,
                   count(*) filter (where status = 'GOOD' and approved)                 as good_approved,
                   count(*) filter (where status in ('DELINQUENT', 'DEFAULT'))          as bad,
                   count(*) filter (where status in ('DELINQUENT', 'DEFAULT') and approved) as bad_approved
              from rows
             group by grp
             order by grp
            """;

    private final JdbcClient jdbc;

    public JdbcFairnessQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param from            first instant of the period (inclusive)
     * @param to              end of the period (exclusive)
     * @param monitoringField the field for {@link Grouping#MONITORING}, ignored otherwise
     * @param definition      only decisions made under this thin-file definition version; null for all
     */
    public List<Segment> segments(Grouping grouping, String monitoringField, Instant from, Instant to,
                                  String definition) {
        var statement = jdbc.sql(SQL.formatted(grouping.expression))
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("definition", definition, java.sql.Types.VARCHAR);
        if (grouping == Grouping.MONITORING) {
            statement = statement.param("field", monitoringField);
        }
        return statement.query((rs, row) -> new Segment(rs.getString("grp"), rs.getLong("decisions"),
                rs.getLong("approved"), rs.getLong("good"), rs.getLong("good_approved"), rs.getLong("bad"),
                rs.getLong("bad_approved"))).list();
    }
}
