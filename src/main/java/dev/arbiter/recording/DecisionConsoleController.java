package dev.arbiter.recording;

import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelStatus;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Product;
import dev.arbiter.security.Caller;
import dev.arbiter.web.AuditRefusal;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's decision screens: the search (every filter of {@code GET /v1/decisions}, kept in
 * the URL, keyset paging, CSV export) and a decision's page with everything recorded about it.
 * Same roles as the API: search for auditors and reviewers; a decision also for an originator,
 * who sees only its own.
 */
@Controller
@RequestMapping("/console/decisions")
class DecisionConsoleController {

    /** The most rows one export holds; a wider period is exported in parts. */
    static final int EXPORT_MAX = 10_000;

    private final JdbcDecisionSearch search;
    private final DecisionIntake intake;
    private final JdbcDecisionEvents events;

    DecisionConsoleController(JdbcDecisionSearch search, DecisionIntake intake, JdbcDecisionEvents events) {
        this.search = search;
        this.intake = intake;
        this.events = events;
    }

    /** The filters as the form names them, blanks dropped: a blank field is no condition. */
    private static Map<String, String> filled(Map<String, String> parameters) {
        Map<String, String> out = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                out.put(name, value.strip());
            }
        });
        return out;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('AUDITOR','REVIEWER')")
    String search(@RequestParam Map<String, String> parameters, Model model) {
        Map<String, String> filters = filled(parameters);
        model.addAttribute("filters", filters);
        model.addAttribute("outcomes", names(Outcome.values()));
        model.addAttribute("products", names(Product.values()));
        model.addAttribute("modelRoles", names(ModelRole.values()));
        model.addAttribute("modelStatuses", names(ModelStatus.values()));
        Map<String, String> withoutCursor = new LinkedHashMap<>(filters);
        withoutCursor.remove("cursor");
        model.addAttribute("exportHref", href("/console/decisions/export", withoutCursor));
        try {
            JdbcDecisionSearch.Page page = search.search(SearchParameters.read(filters));
            model.addAttribute("rows", page.rows());
            if (page.next() != null) {
                Map<String, String> next = new LinkedHashMap<>(filters);
                next.put("cursor", SearchParameters.cursor(page.next()));
                model.addAttribute("nextHref", href("/console/decisions", next));
            }
            if (filters.containsKey("cursor")) {
                model.addAttribute("firstHref", href("/console/decisions", withoutCursor));
            }
        } catch (AuditRefusal refused) {
            model.addAttribute("rows", List.of());
            model.addAttribute("errors", refused.errors());
        }
        return "console/decisions/search";
    }

    /**
     * The search's matches as CSV, newest first, up to {@link #EXPORT_MAX} rows (the last line says
     * so when there were more): the API's columns, and a spreadsheet never runs a cell as a formula.
     */
    @GetMapping("/export")
    @PreAuthorize("hasAnyRole('AUDITOR','REVIEWER')")
    ResponseEntity<String> export(@RequestParam Map<String, String> parameters) {
        Map<String, String> filters = filled(parameters);
        filters.remove("cursor");
        filters.put("limit", Integer.toString(SearchParameters.MAX_LIMIT));
        DecisionFilter filter;
        try {
            filter = SearchParameters.read(filters);
        } catch (AuditRefusal refused) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body(refused.getMessage() + "\n");
        }
        StringBuilder out = new StringBuilder(DecisionSearchController.HEADER).append("\r\n");
        int written = 0;
        DecisionFilter.Position after = null;
        boolean more;
        do {
            JdbcDecisionSearch.Page page = search.search(at(filter, after));
            DecisionSearchController.csvRows(out, page.rows());
            written += page.rows().size();
            after = page.next();
            more = after != null;
        } while (more && written < EXPORT_MAX);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"decisions.csv\"")
                .body(out.toString());
    }

    private static DecisionFilter at(DecisionFilter f, DecisionFilter.Position after) {
        return new DecisionFilter(
                f.from(),
                f.to(),
                f.outcome(),
                f.finalOutcome(),
                f.reasonCode(),
                f.ruleCode(),
                f.rulesetVersion(),
                f.thinFile(),
                f.product(),
                f.dataRegion(),
                f.modelStatus(),
                f.modelRole(),
                after,
                f.limit());
    }

    /** One later event on the decision, as the page lists it. */
    record EventLine(String kind, java.time.Instant recordedAt, Map<String, Object> body) {}

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('ORIGINATOR','AUDITOR','REVIEWER')")
    String decision(@PathVariable UUID id, Caller caller, Model model, HttpServletResponse response) {
        var found = intake.find(id, caller);
        if (found.isEmpty()) {
            model.addAttribute("id", id);
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "console/decisions/not-found";
        }
        DecisionResponse decision = found.get();
        List<JdbcDecisionEvents.Event> history = events.of(id);
        List<EventLine> repayments = new ArrayList<>();
        List<EventLine> reviews = new ArrayList<>();
        for (JdbcDecisionEvents.Event e : history) {
            EventLine line = new EventLine(e.kind(), e.recordedAt(), e.body());
            if (e.kind().equals("REPAYMENT_OUTCOME")) {
                repayments.add(line);
            } else if (e.kind().equals(JdbcDecisionEvents.REVIEW)
                    || e.kind().equals(JdbcDecisionEvents.HUMAN_REVIEW_REQUEST)) {
                reviews.add(line);
            }
        }
        model.addAttribute("d", decision);
        // what was asked for, from the stored application (gone once its retention period ended)
        model.addAttribute(
                "requested",
                intake.stored(id).map(s -> s.submission().application()).orElse(null));
        model.addAttribute("reviews", reviews);
        model.addAttribute("repayments", repayments);
        model.addAttribute(
                "reviewable",
                decision.review() == null
                        && (decision.outcome() == Outcome.REFER || decision.humanReviewRequest() != null));
        return "console/decisions/decision";
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static String href(String path, Map<String, String> query) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        query.forEach((name, value) -> uri.queryParam(name, value));
        return uri.encode().build().toUriString();
    }
}
