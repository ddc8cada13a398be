package dev.arbiter.fairness;

import dev.arbiter.rules.Backtest;
import dev.arbiter.rules.CompiledRuleset;
import dev.arbiter.rules.Ruleset;
import dev.arbiter.rules.RulesetAuthoring;
import dev.arbiter.rules.RulesetCompilationException;
import dev.arbiter.rules.RulesetCompiler;
import dev.arbiter.web.Problems;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collector;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Searches less discriminatory alternatives to a stored ruleset version: compiles each variant
 * of the grid (through the same compiler and rule sandbox as any upload; never stored, never
 * activated), re-decides the period's stored decisions under the base and the variants with
 * the recorded inputs and model answers, and counts, for the chosen and the reference group,
 * approvals, expected loss and, where repayment is known, the StatLog cost.
 *
 * <p>Each pass reads the period once and re-decides it under up to
 * {@link FairnessProperties#variantsPerPass()} versions, so a grid of n variants reads it
 * about n / that many times and holds that many compiled versions at once.
 */
final class AlternativesSearch {

    static final String PARAMETERS = "parameters.json";

    /** Each decision of the period in the chosen or the reference group, with its latest repayment. */
    private static final String MEMBERS = """
            with latest as (
                select distinct on (decision_id) decision_id, status
                  from decision_performance
                 order by decision_id, observed_on desc
            ), rows as (
                select d.id,
                       case cast(:kind as text)
                           when 'thinFile' then d.thin_file::text
                           when 'ageBand' then case when (d.application -> 'applicant' ->> 'age')::int < 25 then '<25'
                                                    when (d.application -> 'applicant' ->> 'age')::int <= 61 then '25-61'
                                                    else '62+' end
                           else coalesce(m.fields ->> cast(:field as text), '(missing)')
                       end as grp,
                       l.status
                  from decision d
                  left join decision_monitoring m on m.decision_id = d.id
                  left join latest l on l.decision_id = d.id
                 where d.decided_at >= :from and d.decided_at < :to
            )
            select id, grp, status from rows where grp in (cast(:reference as text), cast(:chosen as text))
            """;

    private record Member(String group, Boolean good) {}

    /** The whole answer, the base first among the results. */
    record Result(List<Alternatives.Variant> variants, List<String> notes) {}

    private final RulesetAuthoring authoring;
    private final Backtest backtest;
    private final JdbcClient jdbc;
    private final FairnessProperties properties;

    AlternativesSearch(RulesetAuthoring authoring, Backtest backtest, JdbcClient jdbc, FairnessProperties properties) {
        this.authoring = authoring;
        this.backtest = backtest;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    Result search(
            String version,
            List<ParameterGrid.Axis> axes,
            LocalDate from,
            LocalDate to,
            GroupBy groupBy,
            String reference,
            String chosen,
            Alternatives.Tolerance tolerance,
            double lgd) {
        authoring.require(version);
        Ruleset files = authoring.files(version);
        List<ParameterGrid.Variant> grid =
                ParameterGrid.expand(files.content(PARAMETERS), axes, properties.maxVariants(), "grid");
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<UUID, Member> members = members(groupBy, reference, chosen, start, end);
        long inReference = members.values().stream()
                .filter(m -> m.group().equals(reference))
                .count();
        if (inReference == 0) {
            throw new FairnessRefusal(
                    Problems.REFERENCE_GROUP_EMPTY,
                    "no decision of group " + reference + " between " + from + " and " + to,
                    Problems.FieldProblem.of(
                            "reference",
                            "has no decisions in the period",
                            "a group with decisions from " + from + " to " + to));
        }
        if (inReference == members.size()) {
            throw new FairnessRefusal(
                    Problems.GROUP_EMPTY,
                    "no decision of group " + chosen + " between " + from + " and " + to,
                    Problems.FieldProblem.of(
                            "group",
                            "has no decisions in the period",
                            "a group with decisions from " + from + " to " + to));
        }
        if (tolerance.metric() == Alternatives.Metric.STATLOG_COST
                && members.values().stream().noneMatch(m -> m.good() != null)) {
            throw new FairnessRefusal(
                    Problems.NO_REPAYMENT_OUTCOMES,
                    "no decision of " + reference + " or " + chosen + " in the period has a repayment outcome",
                    Problems.FieldProblem.of(
                            "tolerance.metric",
                            "needs repayment outcomes",
                            "EXPECTED_LOSS, or a period whose decisions have reported repayments"));
        }

        List<Alternatives.Counts> counts = new ArrayList<>();
        List<Map<String, BigDecimal>> changes = new ArrayList<>();
        List<CompiledRuleset> pass =
                new ArrayList<>(List.of(authoring.checked(version).compiled()));
        changes.add(Map.of());
        int perPass = Math.max(1, properties.variantsPerPass());
        for (ParameterGrid.Variant variant : grid) {
            pass.add(compile(files, variant));
            changes.add(variant.changes());
            if (pass.size() == perPass) {
                counts.addAll(replay(pass, members, start, end, reference, chosen, lgd));
                pass.clear();
            }
        }
        if (!pass.isEmpty()) {
            counts.addAll(replay(pass, members, start, end, reference, chosen, lgd));
        }
        List<String> notes = new ArrayList<>();
        notes.add("Every figure is over the decisions of the chosen and the reference group in the period, re-decided "
                + "from their recorded inputs and model answers; REFER counts as not approved.");
        notes.add("Expected loss: primary model risk (as stored) x credit limit offered (else amount requested) x LGD "
                + lgd + ", per decision, in the amounts' own currencies (not converted).");
        if (members.values().stream().anyMatch(m -> m.good() != null)) {
            notes.add("StatLog cost counts only decisions with a reported repayment, which exist mostly for "
                    + "decisions approved at the time: it cannot see the applicants a variant newly approves.");
        }
        return new Result(Alternatives.evaluate(counts, changes, tolerance), List.copyOf(notes));
    }

    private CompiledRuleset compile(Ruleset files, ParameterGrid.Variant variant) {
        try {
            return new RulesetCompiler().compile(files.with(PARAMETERS, variant.parameters()));
        } catch (RulesetCompilationException e) {
            String why = e.errors().stream()
                    .map(error -> error.message())
                    .distinct()
                    .limit(3)
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("it does not compile");
            throw new FairnessRefusal(
                    Problems.VARIANT_INVALID,
                    "variant " + variant.index() + " " + variant.changes() + " does not compile: " + why,
                    Problems.FieldProblem.of(
                            "grid",
                            "gives a variant that does not compile: " + why,
                            "values the version's rules accept"));
        }
    }

    private List<Alternatives.Counts> replay(
            List<CompiledRuleset> pass,
            Map<UUID, Member> members,
            Instant start,
            Instant end,
            String reference,
            String chosen,
            double lgd) {
        int n = pass.size();
        Collector<Backtest.Redecided, List<Alternatives.Tally>, List<Alternatives.Counts>> collector = Collector.of(
                () -> {
                    List<Alternatives.Tally> tallies = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        tallies.add(new Alternatives.Tally(chosen, reference, lgd));
                    }
                    return tallies;
                },
                (tallies, redecided) -> {
                    Member member = members.get(redecided.stored().decision().id());
                    if (member == null) {
                        return;
                    }
                    BigDecimal requested =
                            redecided.stored().submission().application().requestedAmount();
                    for (int i = 0; i < n; i++) {
                        tallies.get(i)
                                .add(member.group(), redecided.candidates().get(i), requested, member.good());
                    }
                },
                (a, b) -> {
                    for (int i = 0; i < n; i++) {
                        a.get(i).merge(b.get(i));
                    }
                    return a;
                },
                tallies -> tallies.stream().map(Alternatives.Tally::counts).toList());
        return backtest.replay(
                pass,
                start,
                end,
                stored -> members.containsKey(stored.decision().id()),
                collector);
    }

    private Map<UUID, Member> members(GroupBy groupBy, String reference, String chosen, Instant from, Instant to) {
        Map<UUID, Member> members = new HashMap<>();
        String kind = switch (groupBy.kind()) {
            case THIN_FILE -> "thinFile";
            case AGE_BAND -> "ageBand";
            case MONITORING -> "monitoring";
        };
        jdbc.sql(MEMBERS)
                .param("kind", kind)
                .param("field", groupBy.monitoringField() == null ? "" : groupBy.monitoringField())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("reference", reference)
                .param("chosen", chosen)
                .query(rs -> {
                    String status = rs.getString("status");
                    Boolean good = status == null ? null : status.equals("GOOD");
                    members.put(rs.getObject("id", UUID.class), new Member(rs.getString("grp"), good));
                });
        return members;
    }
}
