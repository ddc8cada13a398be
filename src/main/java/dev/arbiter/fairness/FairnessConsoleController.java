package dev.arbiter.fairness;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's fairness report: the same computation as {@code GET /v1/reports/fairness}
 * ({@link FairnessReportController}), shown as a table, a chart of approval rates with their
 * 95 % intervals and the four-fifths line, and each flag said in words. The chart is SVG built
 * on the server: no script, no chart library.
 */
@Controller
class FairnessConsoleController {

    private static final int DEFAULT_DAYS = 30;

    private final JdbcFairnessQuery query;
    private final Clock clock;

    FairnessConsoleController(JdbcFairnessQuery query, Clock clock) {
        this.query = query;
        this.clock = clock;
    }

    @GetMapping("/console/fairness")
    @PreAuthorize("hasAnyRole('ANALYST','AUDITOR')")
    String report(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String reference,
            Model model) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        boolean asked = from != null || to != null || groupBy != null;
        model.addAttribute(
                "from", from == null ? today.minusDays(DEFAULT_DAYS - 1).toString() : from);
        model.addAttribute("to", to == null ? today.toString() : to);
        model.addAttribute("groupBy", groupBy == null ? "thinFile" : groupBy);
        model.addAttribute("reference", reference == null ? "" : reference);
        model.addAttribute("failBelow", FairnessReport.FAIL_BELOW);
        model.addAttribute("warnBelow", FairnessReport.WARN_BELOW);
        if (!asked) {
            return "console/fairness/report";
        }
        List<String> refusals = new ArrayList<>();
        GroupBy grouping = GroupBy.parse(groupBy).orElse(null);
        if (grouping == null) {
            refusals.add("Group by: " + (groupBy == null ? "is required" : "is not known") + "; use " + GroupBy.ALLOWED
                    + ".");
        }
        LocalDate first = date("From", from, refusals);
        LocalDate last = date("To", to, refusals);
        if (first != null && last != null && last.isBefore(first)) {
            refusals.add("To (" + last + ") is before From (" + first + ").");
        }
        String ref = reference == null || reference.isBlank()
                ? grouping == null ? null : grouping.defaultReference().orElse(null)
                : reference.strip();
        if (grouping != null && ref == null) {
            refusals.add("Reference: is required when grouping by " + grouping + "; give one of its values.");
        }
        if (!refusals.isEmpty()) {
            model.addAttribute("refusals", refusals);
            return "console/fairness/report";
        }
        List<GroupCounts> counts = query.segments(grouping, ref, first, last, null).stream()
                .map(s -> new GroupCounts(
                        s.group(), s.decisions(), s.approved(), s.good(), s.goodApproved(), s.bad(), s.badApproved()))
                .toList();
        if (counts.stream().noneMatch(c -> c.group().equals(ref) && c.decisions() > 0)) {
            String present = counts.stream().map(GroupCounts::group).collect(Collectors.joining(", "));
            model.addAttribute(
                    "refusals",
                    List.of("Reference: group " + ref + " has no decisions from " + first + " to " + last + "; "
                            + (present.isEmpty()
                                    ? "no group has decisions in the period."
                                    : "use one of " + present + ".")));
            return "console/fairness/report";
        }
        FairnessReport report = FairnessReport.compute(grouping.toString(), ref, counts);
        model.addAttribute("reference", ref);
        model.addAttribute("report", report);
        model.addAttribute(
                "explanations",
                report.groups().stream().map(g -> explain(g, ref)).toList());
        model.addAttribute("chart", Chart.of(report));
        return "console/fairness/report";
    }

    private static LocalDate date(String name, String value, List<String> refusals) {
        try {
            LocalDate date = LocalDate.parse(value == null ? "" : value);
            if (date.getYear() < 2000 || date.getYear() > 2999) {
                refusals.add(name + ": must be a date between 2000 and 2999.");
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            refusals.add(name + ": is not a date like 2026-11-30.");
            return null;
        }
    }

    /** A flag in words, with the numbers it rests on. */
    static String explain(FairnessReport.Group g, String reference) {
        String rate = percent(g.approvalRate());
        return switch (g.flag()) {
            case REFERENCE ->
                "Group " + g.group() + " is the reference: the others are compared with its approval rate of " + rate
                        + ".";
            case PASS ->
                "Group " + g.group() + " is approved at " + rate + ", " + ratio(g) + " of the rate of " + reference
                        + ": at or above " + FairnessReport.WARN_BELOW + ", no sign of adverse impact.";
            case WARN ->
                "Group " + g.group() + " is approved at " + rate + ", " + ratio(g) + " of the rate of "
                        + reference + ": below " + FairnessReport.WARN_BELOW
                        + (g.adverseImpactRatio() != null && g.adverseImpactRatio() < FairnessReport.FAIL_BELOW
                                ? ", even below the four-fifths line, but the difference is not significant" + pValue(g)
                                        + ": worth watching, more decisions would tell."
                                : " but not below " + FairnessReport.FAIL_BELOW + ": worth watching.");
            case FAIL ->
                "Group " + g.group() + " is approved at " + rate + ", only " + ratio(g) + " of the rate of "
                        + reference + ": below the four-fifths line (" + FairnessReport.FAIL_BELOW
                        + ") and significantly" + pValue(g) + ", a sign of adverse impact to investigate"
                        + significance(g) + ".";
            case UNDEFINED -> "Group " + g.group() + ": the reference approved no one, so no ratio can be computed.";
            case TOO_FEW ->
                "Group " + g.group() + " (or the reference) has too few decisions (" + g.decisions()
                        + ") for a verdict: its approval rate of " + rate + " is shown, not judged.";
        };
    }

    private static String significance(FairnessReport.Group g) {
        if (g.adverseImpactRatioCi() == null) {
            return "";
        }
        return g.adverseImpactRatioCi().high() < FairnessReport.FAIL_BELOW
                ? " (the whole 95 % interval of the ratio is below " + FairnessReport.FAIL_BELOW + ")"
                : " (the 95 % interval of the ratio, "
                        + two(g.adverseImpactRatioCi().low()) + " to "
                        + two(g.adverseImpactRatioCi().high()) + ", still reaches above " + FairnessReport.FAIL_BELOW
                        + ": more decisions would tell)";
    }

    private static String pValue(FairnessReport.Group g) {
        return g.significance() == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        " (p = %.3g, %s)",
                        g.significance().pValue(),
                        g.significance().test());
    }

    private static String ratio(FairnessReport.Group g) {
        return g.adverseImpactRatio() == null ? "an undefined share" : two(g.adverseImpactRatio());
    }

    private static String two(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f %%", value * 100);
    }

    /**
     * The chart's geometry in SVG user units: one bar per group (approval rate), a whisker for
     * its interval, and a line at four-fifths of the reference's rate.
     */
    record Chart(int width, int height, int left, int plot, List<Bar> bars, Double line, List<Tick> ticks) {

        static final int WIDTH = 640;
        static final int LEFT = 120;
        static final int RIGHT = 70;
        static final int ROW = 34;
        static final int TOP = 10;
        static final int AXIS = 30;

        record Bar(String group, String flag, int y, double width, double low, double high, String label) {}

        record Tick(double x, String label) {}

        static Chart of(FairnessReport report) {
            int plot = WIDTH - LEFT - RIGHT;
            List<Bar> bars = new ArrayList<>();
            Double line = null;
            int y = TOP;
            for (FairnessReport.Group g : report.groups()) {
                bars.add(new Bar(
                        g.group(),
                        g.flag().name().toLowerCase(Locale.ROOT),
                        y,
                        x(g.approvalRate(), plot),
                        LEFT + x(g.approvalRateCi().low(), plot),
                        LEFT + x(g.approvalRateCi().high(), plot),
                        percent(g.approvalRate())));
                if (g.flag() == FairnessReport.Flag.REFERENCE) {
                    line = LEFT + x(FairnessReport.FAIL_BELOW * g.approvalRate(), plot);
                }
                y += ROW;
            }
            List<Tick> ticks = new ArrayList<>();
            for (int p = 0; p <= 100; p += 20) {
                ticks.add(new Tick(LEFT + x(p / 100.0, plot), p + " %"));
            }
            return new Chart(WIDTH, y + AXIS, LEFT, plot, bars, line, ticks);
        }

        private static double x(double rate, int plot) {
            return Math.round(Math.max(0, Math.min(1, rate)) * plot * 10) / 10.0;
        }

        public int axisY() {
            return height - AXIS;
        }
    }
}
