package dev.arbiter.tools;

import dev.arbiter.decision.Decision;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.Guardrails;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.decision.Submission;
import dev.arbiter.decision.ThinFileDefinition;
import dev.arbiter.ensemble.RoutedEnsemble;
import dev.arbiter.fairness.AgeBand;
import dev.arbiter.fairness.Alternatives;
import dev.arbiter.fairness.GroupBy;
import dev.arbiter.fairness.ParameterGrid;
import dev.arbiter.fairness.Statistics;
import dev.arbiter.rules.DroolsRuleEvaluator;
import dev.arbiter.rules.Ruleset;
import dev.arbiter.rules.RulesetCompiler;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The search for less discriminatory alternatives of {@code POST /v1/reports/fairness/alternatives},
 * on labelled offline data: the German credit applicants, whose good/bad labels give the StatLog
 * cost of every variant (5 per bad applicant approved, 1 per good one not approved) for every
 * applicant, not only for those approved at the time.
 *
 * <p>Each applicant is decided once under the shipped ruleset (features, the shipped models, the
 * core guardrails; nothing stored, fixed clock), then re-decided from those recorded inputs and
 * model answers under the base and each variant, as a backtest does. Prints every variant with
 * its approval rates, AIR of the chosen group against the reference (95 % Katz interval, and the
 * p-value of the report's test), StatLog cost and expected loss, marking the Pareto frontier
 * ({@code *}) and the variants fairer than the base within the tolerance ({@code +}).
 *
 * <p>Usage ({@code --grid} once per parameter; the tolerance is METRIC:maxIncrease):
 *
 * <pre>
 * mvn -B -q compile exec:java -Dexec.mainClass=dev.arbiter.tools.SearchAlternatives -Dexec.args="\
 *   --data /work/shared/datasets/german-credit/credit-g.arff --group-by monitoring.foreignWorker \
 *   --reference false --group true --tolerance STATLOG_COST:0.02 \
 *   --grid /affordability/maxPaymentToIncome=0.30,0.40,0.50 --grid /eligibility/minMonthlyIncome=800,400,0"
 * </pre>
 */
public final class SearchAlternatives {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final int MAX_VARIANTS = 64;

    private SearchAlternatives() {}

    public static void main(String[] args) throws IOException {
        Path data = GermanCredit.SHIPPED_FILE;
        Path rulesFolder = Path.of("rules");
        String groupByText = "monitoring.foreignWorker";
        String reference = "false";
        String chosen = "true";
        String toleranceText = "STATLOG_COST:0.02";
        double lgd = 0.45;
        List<ParameterGrid.Axis> axes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data" -> data = Path.of(value);
                case "--rules" -> rulesFolder = Path.of(value);
                case "--group-by" -> groupByText = value;
                case "--reference" -> reference = value;
                case "--group" -> chosen = value;
                case "--tolerance" -> toleranceText = value;
                case "--lgd" -> lgd = Double.parseDouble(value);
                case "--grid" -> axes.add(axis(value));
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i] + "; see the class comment");
            }
            i++;
        }
        GroupBy groupBy = GroupBy.parse(groupByText)
                .orElseThrow(() -> new IllegalArgumentException("--group-by: " + GroupBy.ALLOWED));
        String[] tol = toleranceText.split(":", 2);
        var tolerance = new Alternatives.Tolerance(Alternatives.Metric.valueOf(tol[0]), Double.parseDouble(tol[1]));

        List<GermanCredit.Row> rows = GermanCredit.read(data);
        Ruleset base = Ruleset.load(rulesFolder);
        List<ParameterGrid.Variant> grid =
                ParameterGrid.expand(base.content("parameters.json"), axes, MAX_VARIANTS, "--grid");
        var features = new FeatureDeriver(ThinFileDefinition.DEFAULT, CLOCK);
        var ensemble = RoutedEnsemble.load(Path.of("engine"), CLOCK);
        var baseRules = new DroolsRuleEvaluator(new RulesetCompiler().compile(base));
        // evaluate() never stores, so no decision log is needed
        var service = new DecisionService(
                features,
                ensemble,
                baseRules,
                null,
                CLOCK,
                () -> UUID.nameUUIDFromBytes(new byte[] {0}),
                new Guardrails());
        Function<GermanCredit.Row, String> groupOf = switch (groupBy.kind()) {
            case THIN_FILE -> null;
            case AGE_BAND -> row -> AgeBand.of(row.application().applicant().age());
            case MONITORING -> row -> String.valueOf(row.monitoring().get(groupBy.monitoringField()));
        };

        List<StoredDecision> decided = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (GermanCredit.Row row : rows) {
            Decision decision = service.evaluate(row.application());
            decided.add(new StoredDecision(decision, new Submission(row.application(), Map.of(), "offline")));
            groups.add(groupOf == null ? Boolean.toString(decision.features().thinFile()) : groupOf.apply(row));
        }
        List<Alternatives.Counts> counts = new ArrayList<>();
        List<Map<String, BigDecimal>> changes = new ArrayList<>();
        counts.add(tally(rows, decided, groups, service, baseRules, chosen, reference, lgd));
        changes.add(Map.of());
        for (ParameterGrid.Variant variant : grid) {
            var rules = new DroolsRuleEvaluator(
                    new RulesetCompiler().compile(base.with("parameters.json", variant.parameters())));
            counts.add(tally(rows, decided, groups, service, rules, chosen, reference, lgd));
            changes.add(variant.changes());
        }
        List<Alternatives.Variant> variants = Alternatives.evaluate(counts, changes, tolerance);

        System.out.printf(
                Locale.ROOT,
                "%s: %d applicants; ruleset %s (%s); group %s = %s against %s; tolerance %s +%s; LGD %.2f%n",
                data,
                rows.size(),
                base.version().substring(0, 12),
                rulesFolder,
                groupBy,
                chosen,
                reference,
                tolerance.metric(),
                tol[1],
                lgd);
        System.out.println("* on the Pareto frontier of StatLog cost / expected loss (the tolerance's metric) "
                + "against parity min(AIR, 1/AIR); + fairer than the base within the tolerance");
        System.out.println(
                "values: " + axes.stream().map(ParameterGrid.Axis::pointer).toList());
        System.out.printf(
                Locale.ROOT,
                "%-3s %-2s %-16s %9s %9s %7s %17s %9s %7s %8s %8s%n",
                "#",
                "",
                "values",
                "chosen",
                "reference",
                "AIR",
                "95% CI",
                "p",
                "parity",
                "StatLog",
                "EL/appl");
        for (Alternatives.Variant v : variants) {
            var p = Statistics.compare(
                    v.chosenApproved(), v.chosenDecisions(), v.referenceApproved(), v.referenceDecisions());
            System.out.printf(
                    Locale.ROOT,
                    "%-3d %-2s %-16s %9s %9s %7s %17s %9s %7s %8.4f %8.1f%n",
                    v.index(),
                    (v.frontier() ? "*" : "") + (v.noWorseAndFairer() ? "+" : ""),
                    v.changes().isEmpty()
                            ? "(base)"
                            : v.changes().values().stream()
                                    .map(BigDecimal::toPlainString)
                                    .collect(java.util.stream.Collectors.joining(", ")),
                    v.chosenApproved() + "/" + v.chosenDecisions(),
                    v.referenceApproved() + "/" + v.referenceDecisions(),
                    v.adverseImpactRatio() == null ? "-" : String.format(Locale.ROOT, "%.3f", v.adverseImpactRatio()),
                    v.adverseImpactRatioCi() == null
                            ? "-"
                            : String.format(
                                    Locale.ROOT,
                                    "[%.3f, %.3f]",
                                    v.adverseImpactRatioCi().low(),
                                    v.adverseImpactRatioCi().high()),
                    p == null ? "-" : String.format(Locale.ROOT, "%.2g", p.pValue()),
                    v.parity() == null ? "-" : String.format(Locale.ROOT, "%.3f", v.parity()),
                    v.statlogCost(),
                    v.expectedLoss());
        }
        System.out.println("StatLog cost and expected loss are over the chosen and reference groups' applicants; "
                + "REFER counts as not approved.");
    }

    private static Alternatives.Counts tally(
            List<GermanCredit.Row> rows,
            List<StoredDecision> decided,
            List<String> groups,
            DecisionService service,
            DroolsRuleEvaluator rules,
            String chosen,
            String reference,
            double lgd) {
        var tally = new Alternatives.Tally(chosen, reference, lgd);
        for (int i = 0; i < rows.size(); i++) {
            StoredDecision stored = decided.get(i);
            tally.add(
                    groups.get(i),
                    service.reevaluate(stored, rules),
                    stored.submission().application().requestedAmount(),
                    rows.get(i).good());
        }
        return tally.counts();
    }

    /** {@code /pointer=v1,v2,...} */
    private static ParameterGrid.Axis axis(String text) {
        int eq = text.lastIndexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("--grid takes /pointer=value,value,...: " + text);
        }
        return new ParameterGrid.Axis(
                text.substring(0, eq),
                Arrays.stream(text.substring(eq + 1).split(","))
                        .map(String::strip)
                        .map(BigDecimal::new)
                        .toList());
    }
}
