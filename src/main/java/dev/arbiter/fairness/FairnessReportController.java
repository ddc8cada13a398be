package dev.arbiter.fairness;

import dev.arbiter.web.DateRange;
import dev.arbiter.web.Problems;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/reports/fairness}: approval and repayment metrics per group of the decisions
 * made from {@code from} to {@code to} (whole UTC days, both included), optionally only those
 * made under one thin-file definition version ({@code thinFileDefinition}).
 */
@RestController
class FairnessReportController {

    private static final String DATE = "a date like 2026-11-30";

    private final JdbcFairnessQuery query;
    private final FairnessReport.Thresholds thresholds;

    FairnessReportController(JdbcFairnessQuery query, FairnessProperties properties) {
        this.query = query;
        this.thresholds = properties.thresholds();
    }

    record Response(
            LocalDate from,
            LocalDate to,
            String thinFileDefinition,
            String groupBy,
            String reference,
            FairnessReport.Thresholds thresholds,
            List<FairnessReport.Group> groups,
            List<String> notes) {}

    @GetMapping(path = "/v1/reports/fairness", produces = MediaType.APPLICATION_JSON_VALUE)
    Response report(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String reference,
            @RequestParam(required = false) String thinFileDefinition) {
        GroupBy grouping = GroupBy.parse(groupBy)
                .orElseThrow(() -> new FairnessRefusal(
                        Problems.UNKNOWN_GROUP_BY,
                        "cannot group by " + (groupBy == null ? "nothing" : "'" + groupBy + "'"),
                        Problems.FieldProblem.of(
                                "groupBy", groupBy == null ? "is required" : "is not known", GroupBy.ALLOWED)));
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw new FairnessRefusal(
                    Problems.INVALID_DATE_RANGE,
                    "to " + last + " is before from " + first,
                    Problems.FieldProblem.of("to", "is before from", "a date on or after from (" + first + ")"));
        }
        String ref = reference != null
                ? reference
                : grouping.defaultReference()
                        .orElseThrow(() -> new FairnessRefusal(
                                Problems.INVALID_PARAMETER,
                                "reference is required when grouping by " + grouping,
                                Problems.FieldProblem.of("reference", "is required", "a value of " + grouping)));
        List<GroupCounts> counts = query.segments(grouping, ref, first, last, thinFileDefinition).stream()
                .map(s -> new GroupCounts(
                        s.group(), s.decisions(), s.approved(), s.good(), s.goodApproved(), s.bad(), s.badApproved()))
                .toList();
        if (counts.stream().noneMatch(c -> c.group().equals(ref))) {
            String present = counts.stream().map(GroupCounts::group).collect(Collectors.joining(", "));
            throw new FairnessRefusal(
                    Problems.REFERENCE_GROUP_EMPTY,
                    "no decision of group " + ref + " between " + first + " and " + last,
                    Problems.FieldProblem.of(
                            "reference",
                            "has no decisions in the period",
                            present.isEmpty() ? "no group has decisions in the period" : "one of " + present));
        }
        FairnessReport report = FairnessReport.compute(grouping.toString(), ref, counts, thresholds);
        return new Response(
                first,
                last,
                thinFileDefinition,
                report.groupBy(),
                report.reference(),
                report.thresholds(),
                report.groups(),
                report.notes());
    }

    static LocalDate date(String name, String value) {
        if (value == null) {
            throw new FairnessRefusal(
                    Problems.INVALID_PARAMETER,
                    name + " is required",
                    Problems.FieldProblem.of(name, "is required", DATE));
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new FairnessRefusal(
                    Problems.INVALID_PARAMETER,
                    name + " is not a date",
                    Problems.FieldProblem.of(name, "is not a date", DATE));
        }
        if (!DateRange.contains(date)) {
            throw new FairnessRefusal(
                    Problems.INVALID_PARAMETER,
                    name + " " + DateRange.OUTSIDE,
                    Problems.FieldProblem.of(name, DateRange.OUTSIDE, DATE + ", " + DateRange.ALLOWED));
        }
        return date;
    }
}
