package dev.arbiter.rules;

import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reports for analysts: which rules fire, and how a shadowed challenger compares with the champion. */
@RestController
@RequestMapping(path = "/v1/reports", produces = MediaType.APPLICATION_JSON_VALUE)
class ReportController {

    private final RulesetAuthoring authoring;
    private final DroolsRuleEvaluator evaluator;
    private final RuleCoverage coverage;
    private final ShadowLog shadows;

    ReportController(
            RulesetAuthoring authoring, DroolsRuleEvaluator evaluator, RuleCoverage coverage, ShadowLog shadows) {
        this.authoring = authoring;
        this.evaluator = evaluator;
        this.coverage = coverage;
        this.shadows = shadows;
    }

    /** Rule coverage of one version (the active one unless {@code version} is given) over [from, to). */
    @GetMapping("/rules")
    RuleCoverage.Report rules(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String version) {
        RequestParameters.Period period = RequestParameters.period(from, to);
        String v = version == null ? evaluator.active().version() : RequestParameters.version("version", version);
        authoring.require(v);
        return coverage.of(authoring.checked(v).compiled(), period.from(), period.to());
    }

    /**
     * @param agreement share of shadowed decisions where champion and challenger reached the same outcome
     */
    record ShadowReport(
            Instant from,
            Instant to,
            String runningChallenger,
            long decisions,
            long agreed,
            double agreement,
            List<ShadowLog.Comparison> comparisons) {}

    @GetMapping("/shadow")
    ShadowReport shadow(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        RequestParameters.Period period = RequestParameters.period(from, to);
        List<ShadowLog.Comparison> rows = shadows.compare(period.from(), period.to());
        long total = rows.stream().mapToLong(ShadowLog.Comparison::decisions).sum();
        long agreed = rows.stream()
                .filter(r -> r.champion().equals(r.challenger()))
                .mapToLong(ShadowLog.Comparison::decisions)
                .sum();
        String running = authoring.shadowRuleset().map(c -> c.version()).orElse(null);
        return new ShadowReport(
                period.from(),
                period.to(),
                running,
                total,
                agreed,
                total == 0 ? 0 : Math.round(10_000.0 * agreed / total) / 10_000.0,
                rows);
    }
}
