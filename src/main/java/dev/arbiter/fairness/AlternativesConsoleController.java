package dev.arbiter.fairness;

import dev.arbiter.rules.RulesetAuthoring;
import dev.arbiter.rules.RulesetNotFoundException;
import dev.arbiter.rules.RulesetStatus;
import dev.arbiter.rules.RulesetVersion;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's search for less discriminatory alternatives: the same search as {@code POST
 * /v1/reports/fairness/alternatives} ({@link AlternativesController}), asked through a form whose
 * fields stay in the URL (the search stores nothing, so a GET may run it), answered with a table
 * of every variant and a scatter of cost against adverse impact ratio with the frontier drawn and
 * the base marked. The scatter is SVG built on the server: no script, no chart library.
 */
@Controller
class AlternativesConsoleController {

    /** Grid rows the form shows at first; "Add a row" shows one more, up to the API's limit. */
    static final int ROWS = 3;

    static final int MAX_ROWS = 8;

    private static final int DEFAULT_DAYS = 30;

    private final AlternativesSearch search;
    private final RulesetAuthoring authoring;
    private final Clock clock;

    AlternativesConsoleController(AlternativesSearch search, RulesetAuthoring authoring, Clock clock) {
        this.search = search;
        this.authoring = authoring;
        this.clock = clock;
    }

    /** One row of the grid as the form shows it. */
    record Row(int index, String pointer, String values) {}

    @GetMapping("/console/fairness/alternatives")
    @PreAuthorize("hasAnyRole('ANALYST','AUDITOR')")
    String alternatives(
            @RequestParam(required = false) String version,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String reference,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) List<String> pointer,
            @RequestParam(required = false) List<String> values,
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) String maxIncrease,
            @RequestParam(required = false) String rows,
            @RequestParam(required = false) String add,
            @RequestParam(required = false) String run,
            Model model) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<RulesetVersion> versions = authoring.list();
        String chosenVersion = version != null && !version.isBlank()
                ? version.strip()
                : versions.stream()
                        .filter(v -> v.status() == RulesetStatus.ACTIVE)
                        .map(RulesetVersion::version)
                        .findFirst()
                        .orElse("");
        List<String> pointers = pointer == null ? List.of() : pointer;
        List<String> valueTexts = values == null ? List.of() : values;
        int shown = Math.max(ROWS, Math.max(pointers.size(), valueTexts.size()));
        try {
            shown = Math.max(shown, rows == null ? 0 : Integer.parseInt(rows.strip()));
        } catch (NumberFormatException ignored) {
            // a hand-edited URL: keep the rows the fields ask for
        }
        if (add != null) {
            shown++;
        }
        shown = Math.min(shown, MAX_ROWS);
        List<Row> grid = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            grid.add(new Row(
                    i + 1, i < pointers.size() ? pointers.get(i) : "", i < valueTexts.size() ? valueTexts.get(i) : ""));
        }
        model.addAttribute("versions", versions);
        model.addAttribute("version", chosenVersion);
        model.addAttribute(
                "from", from == null ? today.minusDays(DEFAULT_DAYS - 1).toString() : from);
        model.addAttribute("to", to == null ? today.toString() : to);
        model.addAttribute("groupBy", groupBy == null ? "thinFile" : groupBy);
        model.addAttribute("reference", reference == null ? "" : reference);
        model.addAttribute("group", group == null ? "" : group);
        model.addAttribute("grid", grid);
        model.addAttribute("rows", shown);
        model.addAttribute("canAdd", shown < MAX_ROWS);
        model.addAttribute("metric", metric == null ? Alternatives.Metric.EXPECTED_LOSS.name() : metric);
        model.addAttribute("metrics", List.of(Alternatives.Metric.values()));
        model.addAttribute("maxIncrease", maxIncrease == null ? "0" : maxIncrease);
        if (run == null || add != null) {
            return "console/fairness/alternatives";
        }

        List<String> refusals = new ArrayList<>();
        if (!chosenVersion.matches("[0-9a-f]{64}")) {
            refusals.add("Ruleset version: choose a stored version.");
        }
        LocalDate first = date("From", from, refusals);
        LocalDate last = date("To", to, refusals);
        if (first != null && last != null && last.isBefore(first)) {
            refusals.add("To (" + last + ") is before From (" + first + ").");
        }
        GroupBy grouping = GroupBy.parse(groupBy).orElse(null);
        if (grouping == null) {
            refusals.add("Group by: " + (groupBy == null || groupBy.isBlank() ? "is required" : "is not known")
                    + "; use " + GroupBy.ALLOWED + ".");
        }
        String ref = reference == null ? "" : reference.strip();
        String chosen = group == null ? "" : group.strip();
        if (ref.isEmpty()) {
            refusals.add("Reference group: is required; give one of the grouping's values (e.g. false for thinFile).");
        }
        if (chosen.isEmpty()) {
            refusals.add("Chosen group: is required; give the group whose approval rate the search tries to raise.");
        } else if (chosen.equals(ref)) {
            refusals.add("Chosen group: is the reference; choose a group other than " + ref + ".");
        }
        List<ParameterGrid.Axis> axes = axes(grid, refusals);
        Alternatives.Metric chosenMetric = null;
        try {
            chosenMetric = Alternatives.Metric.valueOf(metric == null ? "" : metric);
        } catch (IllegalArgumentException e) {
            refusals.add("Metric: is not known; use EXPECTED_LOSS or STATLOG_COST.");
        }
        double increase = Double.NaN;
        try {
            increase = new BigDecimal(maxIncrease == null ? "" : maxIncrease.strip()).doubleValue();
            if (increase < 0) {
                refusals.add("Tolerance: must be 0 or more (how much more than the base a variant may cost).");
            }
        } catch (NumberFormatException e) {
            refusals.add("Tolerance: is not a number; give how much more than the base a variant may cost, e.g. 5.");
        }
        if (!refusals.isEmpty()) {
            model.addAttribute("refusals", refusals);
            return "console/fairness/alternatives";
        }
        var tolerance = new Alternatives.Tolerance(chosenMetric, increase);
        AlternativesSearch.Result result;
        try {
            result = search.search(
                    chosenVersion,
                    axes,
                    first,
                    last,
                    grouping,
                    ref,
                    chosen,
                    tolerance,
                    AlternativesRequest.DEFAULT_LGD.doubleValue());
        } catch (RulesetNotFoundException e) {
            model.addAttribute("refusals", List.of("Ruleset version: " + chosenVersion + " is not stored."));
            return "console/fairness/alternatives";
        } catch (ParameterGrid.GridException e) {
            model.addAttribute(
                    "refusals",
                    List.of("Grid (" + e.field() + "): " + e.getMessage() + "; valid: " + e.allowed() + "."));
            return "console/fairness/alternatives";
        } catch (FairnessRefusal e) {
            List<String> why = new ArrayList<>();
            why.add(e.getMessage() + ".");
            e.errors().forEach(p -> why.add(p.field() + ": " + p.reason() + "; valid: " + p.allowed() + "."));
            model.addAttribute("refusals", why);
            return "console/fairness/alternatives";
        }
        model.addAttribute("result", result);
        model.addAttribute(
                "changeTexts",
                result.variants().stream().map(v -> changes(v.changes())).toList());
        model.addAttribute("tolerance", tolerance);
        model.addAttribute("lgd", AlternativesRequest.DEFAULT_LGD);
        model.addAttribute("chosenGroup", chosen);
        model.addAttribute("referenceGroup", ref);
        model.addAttribute("scatter", Scatter.of(result.variants(), tolerance));
        return "console/fairness/alternatives";
    }

    /** The filled rows as the search's axes; a row with neither field is skipped. */
    private static List<ParameterGrid.Axis> axes(List<Row> grid, List<String> refusals) {
        List<ParameterGrid.Axis> axes = new ArrayList<>();
        for (Row row : grid) {
            String p = row.pointer().strip();
            String v = row.values().strip();
            if (p.isEmpty() && v.isEmpty()) {
                continue;
            }
            String name = "Grid row " + row.index();
            if (!p.startsWith("/")) {
                refusals.add(name + ": the pointer must be a JSON Pointer into parameters.json, like "
                        + "/eligibility/minMonthlyIncome.");
                continue;
            }
            List<BigDecimal> numbers = new ArrayList<>();
            boolean ok = !v.isEmpty();
            for (String part : v.split(",")) {
                try {
                    numbers.add(new BigDecimal(part.strip()));
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) {
                refusals.add(name + ": the values must be numbers separated by commas, like 600, 700, 800.");
                continue;
            }
            axes.add(new ParameterGrid.Axis(p, numbers));
        }
        if (axes.isEmpty() && refusals.stream().noneMatch(r -> r.startsWith("Grid row"))) {
            refusals.add("Grid: is empty; name at least one parameter (a JSON Pointer) and its values.");
        }
        return axes;
    }

    private static LocalDate date(String name, String value, List<String> refusals) {
        try {
            LocalDate date = LocalDate.parse(value == null ? "" : value.strip());
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

    /** A variant's changes as the table shows them: pointer = value, one per line. */
    static String changes(Map<String, BigDecimal> changes) {
        if (changes.isEmpty()) {
            return "base (no change)";
        }
        List<String> parts = new ArrayList<>();
        changes.forEach((p, v) -> parts.add(p + " = " + v.toPlainString()));
        return String.join("; ", parts);
    }

    /**
     * The scatter's geometry in SVG user units: one point per variant at (cost, AIR), the
     * frontier joined by a line, the base drawn apart, the tolerance's limit as a vertical line
     * and four-fifths as a horizontal one. Variants without an AIR (the reference approved no
     * one) or without a cost (no labelled decision for StatLog cost) are listed, not drawn.
     */
    record Scatter(
            int width,
            int height,
            int left,
            int top,
            int plotWidth,
            int plotHeight,
            String metricLabel,
            List<Point> points,
            String frontierPath,
            Double limitX,
            boolean limitBeyond,
            Double fourFifthsY,
            List<Tick> xTicks,
            List<Tick> yTicks,
            List<Integer> notDrawn) {

        static final int WIDTH = 640;
        static final int HEIGHT = 380;
        static final int LEFT = 64;
        static final int RIGHT = 48;
        static final int TOP = 16;
        static final int BOTTOM = 52;

        record Point(int index, double x, double y, boolean base, boolean frontier, boolean fairer, String label) {}

        record Tick(double at, String label) {}

        static Scatter of(List<Alternatives.Variant> variants, Alternatives.Tolerance tolerance) {
            int plotWidth = WIDTH - LEFT - RIGHT;
            int plotHeight = HEIGHT - TOP - BOTTOM;
            List<Alternatives.Variant> drawn = new ArrayList<>();
            List<Integer> notDrawn = new ArrayList<>();
            for (Alternatives.Variant v : variants) {
                if (v.adverseImpactRatio() == null || cost(v, tolerance.metric()) == null) {
                    notDrawn.add(v.index());
                } else {
                    drawn.add(v);
                }
            }
            double xMin = Double.MAX_VALUE;
            double xMax = -Double.MAX_VALUE;
            double yMax = 1.0;
            for (Alternatives.Variant v : drawn) {
                double c = cost(v, tolerance.metric());
                xMin = Math.min(xMin, c);
                xMax = Math.max(xMax, c);
                yMax = Math.max(yMax, v.adverseImpactRatio());
            }
            Alternatives.Variant base = variants.isEmpty() ? null : variants.get(0);
            Double baseCost = base == null ? null : cost(base, tolerance.metric());
            if (baseCost != null) {
                xMin = Math.min(xMin, baseCost);
                xMax = Math.max(xMax, baseCost);
                // the tolerance's limit widens the plot only when it is near the variants: a generous
                // tolerance would squeeze every point against the left edge
                double limit = baseCost + tolerance.maxIncrease();
                double near = Math.max(xMax - xMin, Math.abs(xMax) * 0.1);
                if (limit <= xMax + near) {
                    xMax = Math.max(xMax, limit);
                }
            }
            if (drawn.isEmpty() && baseCost == null) {
                xMin = 0;
                xMax = 1;
            }
            double span = xMax - xMin;
            double pad = span == 0 ? Math.max(Math.abs(xMax) * 0.1, 1) : span * 0.08;
            double x0 = xMin - pad;
            double x1 = xMax + pad;
            double y1 = Math.ceil(yMax * 10) / 10.0;
            List<Point> points = new ArrayList<>();
            for (Alternatives.Variant v : drawn) {
                double px = LEFT + scale(cost(v, tolerance.metric()), x0, x1, plotWidth);
                double py = TOP + plotHeight - scale(v.adverseImpactRatio(), 0, y1, plotHeight);
                String label = v.index() == 0 ? "base" : "#" + v.index();
                // variants drawn on the same spot share one label ("base = #1")
                for (int i = 0; i < points.size(); i++) {
                    Point p = points.get(i);
                    if (p.x() == px && p.y() == py && !p.label().isEmpty()) {
                        points.set(
                                i,
                                new Point(
                                        p.index(),
                                        p.x(),
                                        p.y(),
                                        p.base(),
                                        p.frontier(),
                                        p.fairer(),
                                        p.label() + " = " + label));
                        label = "";
                        break;
                    }
                }
                points.add(new Point(v.index(), px, py, v.index() == 0, v.frontier(), v.noWorseAndFairer(), label));
            }
            StringBuilder path = new StringBuilder();
            points.stream()
                    .filter(Point::frontier)
                    .sorted(Comparator.comparingDouble(Point::x).thenComparingDouble(p -> -p.y()))
                    .forEach(p -> path.append(path.isEmpty() ? "M" : " L")
                            .append(num(p.x()))
                            .append(' ')
                            .append(num(p.y())));
            boolean limitBeyond = baseCost != null && baseCost + tolerance.maxIncrease() > x1;
            Double limitX = baseCost == null || limitBeyond
                    ? null
                    : LEFT + scale(baseCost + tolerance.maxIncrease(), x0, x1, plotWidth);
            Double fourFifthsY = 0.8 <= y1 ? TOP + plotHeight - scale(0.8, 0, y1, plotHeight) : null;
            List<Tick> xTicks = new ArrayList<>();
            for (int i = 0; i <= 4; i++) {
                double value = x0 + (x1 - x0) * i / 4;
                xTicks.add(new Tick(LEFT + scale(value, x0, x1, plotWidth), String.format(Locale.ROOT, "%.2f", value)));
            }
            List<Tick> yTicks = new ArrayList<>();
            for (int i = 0; i <= 4; i++) {
                double value = y1 * i / 4;
                yTicks.add(new Tick(
                        TOP + plotHeight - scale(value, 0, y1, plotHeight), String.format(Locale.ROOT, "%.2f", value)));
            }
            String metricLabel = tolerance.metric() == Alternatives.Metric.STATLOG_COST
                    ? "StatLog cost per labelled decision"
                    : "Expected loss per decision";
            return new Scatter(
                    WIDTH,
                    HEIGHT,
                    LEFT,
                    TOP,
                    plotWidth,
                    plotHeight,
                    metricLabel,
                    points,
                    path.toString(),
                    limitX,
                    limitBeyond,
                    fourFifthsY,
                    xTicks,
                    yTicks,
                    notDrawn);
        }

        static Double cost(Alternatives.Variant v, Alternatives.Metric metric) {
            return metric == Alternatives.Metric.STATLOG_COST ? v.statlogCost() : (Double) v.expectedLoss();
        }

        private static double scale(double value, double low, double high, int size) {
            double share = high == low ? 0.5 : (value - low) / (high - low);
            return Math.round(share * size * 10) / 10.0;
        }

        private static String num(double value) {
            return String.format(Locale.ROOT, "%.1f", value);
        }

        public int axisY() {
            return top + plotHeight;
        }

        public int right() {
            return left + plotWidth;
        }
    }
}
