package dev.arbiter.tools;

import dev.arbiter.decision.Decision;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.Guardrails;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.ThinFileDefinition;
import dev.arbiter.ensemble.RoutedEnsemble;
import dev.arbiter.ensemble.ScorecardModel;
import dev.arbiter.fairness.AgeBand;
import dev.arbiter.fairness.FairnessReport;
import dev.arbiter.rules.DroolsRuleEvaluator;
import dev.arbiter.rules.Ruleset;
import dev.arbiter.rules.RulesetCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs all 1,000 German credit applicants through the decision service (features, the
 * shipped primary model, the shipped ruleset, the core guardrails; nothing stored) with the
 * thin-file policy off and on, under two thin-file definitions, and prints approval rates,
 * adverse impact, equal opportunity (the data's good/bad labels as repayment outcomes) and
 * the StatLog cost. Deterministic: fixed clock, no network.
 *
 * <p>Policy off: {@code thinFile.policyEnabled} 0 in the ruleset's parameters and the core
 * thin-file guardrail left out, i.e. Arbiter as if it had no thin-file mitigation. Policy
 * on: the shipped ruleset and guardrails.
 *
 * <p>Usage: {@code mvn -B -q compile exec:java -Dexec.mainClass=dev.arbiter.tools.MeasureFairness}
 */
public final class MeasureFairness {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Pattern POLICY_ON = Pattern.compile("\"policyEnabled\"\\s*:\\s*1\\b");

    private MeasureFairness() {}

    public static void main(String[] args) throws IOException {
        List<GermanCredit.Row> rows = GermanCredit.read(GermanCredit.SHIPPED_FILE);
        Ruleset on = Ruleset.load(Path.of("rules"));
        Ruleset off = policyOff(on);
        var rulesOn = new DroolsRuleEvaluator(new RulesetCompiler().compile(on));
        var rulesOff = new DroolsRuleEvaluator(new RulesetCompiler().compile(off));
        var primary = ScorecardModel.load(Path.of("engine/models/primary-credit.json"));
        var ensemble = RoutedEnsemble.load(Path.of("engine"), CLOCK);
        System.out.printf(
                "German credit: %d applicants; ruleset %s (policy on) / %s (policy off); model %s %s%n",
                rows.size(),
                on.version().substring(0, 12),
                off.version().substring(0, 12),
                primary.id(),
                primary.version());
        System.out.println("Ensemble: engine/ensemble.yaml (primary, fraud, cash-flow second opinion); "
                + "the German rows carry no alternative data or device, so those models answer with low confidence.");

        for (ThinFileDefinition definition :
                List.of(ThinFileDefinition.DEFAULT, new ThinFileDefinition("tf-nofile", 12, 1))) {
            var features = new FeatureDeriver(definition, CLOCK);
            var serviceOff = service(features, ensemble, rulesOff, new Guardrails(null));
            var serviceOn = service(features, ensemble, rulesOn, new Guardrails());
            System.out.printf(
                    "%n=== thin-file definition %s: no credit file, history < %d months or < %d tradelines ===%n",
                    definition.version(), definition.minHistoryMonths(), definition.minTradelines());
            Decisions offRun = Decisions.of(rows, serviceOff);
            Decisions onRun = Decisions.of(rows, serviceOn);
            for (var arm : List.of(new Arm("off", offRun), new Arm("on", onRun))) {
                print(
                        "policy " + arm.name() + ", by thin file",
                        arm.run().tally(d -> Boolean.toString(d.features().thinFile())),
                        "false");
            }
            print(
                    "policy on, by age band",
                    onRun.tally(d -> AgeBand.of(d.application().applicant().age())),
                    AgeBand.MIDDLE);
            changes(rows, offRun, onRun);
            denialBasis(onRun);
        }
    }

    private record Arm(String name, Decisions run) {}

    /** The decisions of one run, in row order. */
    private record Decisions(List<GermanCredit.Row> rows, List<Decision> decisions) {

        static Decisions of(List<GermanCredit.Row> rows, DecisionService service) {
            return new Decisions(
                    rows,
                    rows.stream().map(r -> service.evaluate(r.application())).toList());
        }

        FairnessTally tally(Function<Labelled, String> groupOf) {
            FairnessTally tally = new FairnessTally();
            for (int i = 0; i < rows.size(); i++) {
                var labelled = new Labelled(
                        rows.get(i).application(),
                        decisions.get(i).features(),
                        rows.get(i).good());
                tally.add(
                        groupOf.apply(labelled),
                        decisions.get(i).outcome(),
                        rows.get(i).good());
            }
            return tally;
        }
    }

    private record Labelled(
            dev.arbiter.decision.Application application, dev.arbiter.decision.Features features, boolean good) {}

    private static DecisionService service(
            FeatureDeriver features, RoutedEnsemble ensemble, DroolsRuleEvaluator rules, Guardrails guardrails) {
        // evaluate() never stores, so no decision log is needed
        return new DecisionService(
                features, ensemble, rules, null, CLOCK, () -> UUID.nameUUIDFromBytes(new byte[] {0}), guardrails);
    }

    static Ruleset policyOff(Ruleset shipped) {
        String parameters = new String(shipped.content("parameters.json"), StandardCharsets.UTF_8);
        if (!POLICY_ON.matcher(parameters).find()) {
            throw new IllegalStateException("rules/parameters.json has no \"policyEnabled\": 1 to switch off");
        }
        return shipped.with(
                "parameters.json",
                POLICY_ON
                        .matcher(parameters)
                        .replaceFirst("\"policyEnabled\": 0")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static void print(String title, FairnessTally tally, String reference) {
        FairnessReport report = FairnessReport.compute(title, reference, tally.groupCounts());
        System.out.printf("%n%s (reference %s)%n", title, reference);
        System.out.printf(
                Locale.ROOT,
                "%-6s %5s %7s %5s %5s %8s %22s %8s %7s %7s %7s %7s %10s%n",
                "group",
                "n",
                "approve",
                "deny",
                "refer",
                "approval",
                "AIR [95% CI]",
                "flag",
                "SPD",
                "TPR",
                "EOD",
                "AOD",
                "bad|appr");
        for (FairnessReport.Group g : report.groups()) {
            var o = g.outcomes();
            String ci = g.adverseImpactRatioCi() == null
                    ? ""
                    : String.format(
                            Locale.ROOT,
                            "[%.3f, %.3f]",
                            g.adverseImpactRatioCi().low(),
                            g.adverseImpactRatioCi().high());
            System.out.printf(
                    Locale.ROOT,
                    "%-6s %5d %7d %5d %5d %8.3f %6.3f %15s %8s %+7.3f %7.3f %+7.3f %+7.3f %10s%n",
                    g.group(),
                    g.decisions(),
                    g.approved(),
                    tally.count(g.group(), Outcome.DENY),
                    tally.count(g.group(), Outcome.REFER),
                    g.approvalRate(),
                    g.adverseImpactRatio(),
                    ci,
                    g.flag(),
                    g.statisticalParityDifference(),
                    o.truePositiveRate(),
                    o.equalOpportunityDifference(),
                    o.averageOddsDifference(),
                    o.badRateAmongApproved() == null
                            ? "-"
                            : String.format(Locale.ROOT, "%.3f", o.badRateAmongApproved()));
        }
        System.out.printf(
                Locale.ROOT,
                "StatLog cost per applicant: %.3f with REFER as deny; %.3f if every REFER were "
                        + "approved; %.3f if reviewers resolved every REFER correctly; bad approved %d, good not approved %d%n",
                tally.costReferAsDeny(),
                tally.costReferAsApprove(),
                tally.costReferResolvedPerfectly(),
                tally.all(Outcome.APPROVE, false),
                tally.all(Outcome.DENY, true) + tally.all(Outcome.REFER, true));
    }

    /** Which rule family gave each denial (policy on): knock-out, affordability, credit file or risk. */
    private static void denialBasis(Decisions on) {
        for (boolean thin : new boolean[] {true, false}) {
            java.util.Map<String, Integer> basis = new java.util.TreeMap<>();
            for (Decision d : on.decisions()) {
                if (d.outcome() == Outcome.DENY && d.features().thinFile() == thin) {
                    String family = d.firedRules().stream()
                            .filter(r -> r.gave(Outcome.DENY))
                            .map(r -> r.ruleCode().substring(0, 2))
                            .findFirst()
                            .orElse("none");
                    basis.merge(family, 1, Integer::sum);
                }
            }
            System.out.println(
                    (thin ? "Thin" : "Thick") + "-file denials (policy on) by the first denying rule's family: " + basis
                            + "  (KO knock-out, AF affordability, CF credit file, RK risk)");
        }
    }

    /** What the policy changed, applicant by applicant. */
    private static void changes(List<GermanCredit.Row> rows, Decisions off, Decisions on) {
        FairnessTally moved = new FairnessTally();
        for (int i = 0; i < rows.size(); i++) {
            Outcome before = off.decisions().get(i).outcome();
            Outcome after = on.decisions().get(i).outcome();
            if (before != after) {
                moved.add(before + "->" + after, after, rows.get(i).good());
            }
        }
        System.out.println("\nOutcome changes off -> on (good / bad applicants):");
        if (moved.groups().isEmpty()) {
            System.out.println("  none");
        }
        for (String change : moved.groups()) {
            long good = 0;
            long bad = 0;
            for (Outcome o : Outcome.values()) {
                good += moved.count(change, o, true);
                bad += moved.count(change, o, false);
            }
            System.out.printf("  %-16s %4d (%d good, %d bad)%n", change, good + bad, good, bad);
        }
    }
}
