package dev.arbiter.fairness;

import dev.arbiter.rules.RulesetNotFoundException;
import dev.arbiter.web.Problems;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/reports/fairness/alternatives}: less discriminatory alternatives to a stored
 * ruleset version, searched over a grid of parameter values on the stored decisions of a period.
 * Nothing is stored: the variants are compiled, used and dropped.
 */
@RestController
class AlternativesController {

    private final AlternativesSearch search;

    AlternativesController(AlternativesSearch search) {
        this.search = search;
    }

    /**
     * @param variants         the base (index 0, no changes) then each variant of the grid
     * @param frontier         indexes of the variants on the Pareto frontier of the tolerance's metric against parity
     * @param noWorseAndFairer indexes of the variants fairer than the base within the tolerance
     */
    record Response(
            String rulesetVersion,
            LocalDate from,
            LocalDate to,
            String groupBy,
            String reference,
            String group,
            Alternatives.Tolerance tolerance,
            BigDecimal lgd,
            List<Alternatives.Variant> variants,
            List<Integer> frontier,
            List<Integer> noWorseAndFairer,
            List<String> notes) {}

    @PostMapping(
            path = "/v1/reports/fairness/alternatives",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Response search(@Valid @RequestBody AlternativesRequest request) {
        GroupBy grouping = GroupBy.parse(request.groupBy())
                .orElseThrow(() -> new FairnessRefusal(
                        Problems.UNKNOWN_GROUP_BY,
                        "cannot group by '" + request.groupBy() + "'",
                        Problems.FieldProblem.of("groupBy", "is not known", GroupBy.ALLOWED)));
        LocalDate from = FairnessReportController.date("from", request.from());
        LocalDate to = FairnessReportController.date("to", request.to());
        if (to.isBefore(from)) {
            throw new FairnessRefusal(
                    Problems.INVALID_DATE_RANGE,
                    "to " + to + " is before from " + from,
                    Problems.FieldProblem.of("to", "is before from", "a date on or after from (" + from + ")"));
        }
        if (request.group().equals(request.reference())) {
            throw new FairnessRefusal(
                    Problems.INVALID_REQUEST,
                    "the chosen group is the reference",
                    Problems.FieldProblem.of("group", "is the reference", "a group other than " + request.reference()));
        }
        var tolerance = new Alternatives.Tolerance(
                Alternatives.Metric.valueOf(request.tolerance().metric()),
                request.tolerance().maxIncrease().doubleValue());
        BigDecimal lgd = request.lgd() == null ? AlternativesRequest.DEFAULT_LGD : request.lgd();
        List<ParameterGrid.Axis> axes = request.grid().stream()
                .map(a -> new ParameterGrid.Axis(a.pointer(), a.values()))
                .toList();
        AlternativesSearch.Result result;
        try {
            result = search.search(
                    request.rulesetVersion(),
                    axes,
                    from,
                    to,
                    grouping,
                    request.reference(),
                    request.group(),
                    tolerance,
                    lgd.doubleValue());
        } catch (RulesetNotFoundException e) {
            throw new FairnessRefusal(
                    Problems.RULESET_VERSION_NOT_FOUND,
                    "no stored ruleset version " + request.rulesetVersion(),
                    Problems.FieldProblem.of("rulesetVersion", "is not stored", "a version of GET /v1/rulesets"));
        } catch (ParameterGrid.GridException e) {
            boolean tooLarge = e.field().equals("grid") && e.getMessage().startsWith("gives");
            throw new FairnessRefusal(
                    tooLarge ? Problems.GRID_TOO_LARGE : Problems.GRID_INVALID,
                    e.field() + " " + e.getMessage(),
                    Problems.FieldProblem.of(e.field(), e.getMessage(), e.allowed()));
        }
        List<Alternatives.Variant> variants = result.variants();
        return new Response(
                request.rulesetVersion(),
                from,
                to,
                grouping.toString(),
                request.reference(),
                request.group(),
                tolerance,
                lgd,
                variants,
                variants.stream()
                        .filter(Alternatives.Variant::frontier)
                        .map(Alternatives.Variant::index)
                        .toList(),
                variants.stream()
                        .filter(Alternatives.Variant::noWorseAndFairer)
                        .map(Alternatives.Variant::index)
                        .toList(),
                result.notes());
    }
}
