package dev.arbiter.recording;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Finds decisions by any audit criterion, newest first, as JSON pages or as CSV for a spreadsheet. */
@RestController
class DecisionSearchController {

    static final String CSV = "text/csv";
    static final String HEADER = "decisionId,applicationId,decidedAt,outcome,finalOutcome,reasonCodes,ruleCodes,"
            + "rulesetVersion,product,dataRegion,thinFile,modelStatuses";

    private final JdbcDecisionSearch search;

    DecisionSearchController(JdbcDecisionSearch search) {
        this.search = search;
    }

    record PageView(List<JdbcDecisionSearch.Row> items, String nextCursor) {}

    @GetMapping(
            path = "/v1/decisions",
            produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
    ResponseEntity<?> find(
            @RequestParam Map<String, String> parameters,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        JdbcDecisionSearch.Page page = search.search(SearchParameters.read(parameters));
        String next = page.next() == null ? null : SearchParameters.cursor(page.next());
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (next != null) {
            String link = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor", next)
                    .build()
                    .toUriString();
            answer.header(HttpHeaders.LINK, "<" + link + ">; rel=\"next\"");
        }
        if (wantsCsv(accept)) {
            return answer.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"decisions.csv\"")
                    .body(csv(page.rows()));
        }
        return answer.contentType(MediaType.APPLICATION_JSON).body(new PageView(page.rows(), next));
    }

    /** CSV when the client prefers text/csv to an explicitly named JSON; JSON otherwise. */
    private static boolean wantsCsv(String accept) {
        if (accept == null) {
            return false;
        }
        double csv = 0;
        double json = 0;
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                csv = Math.max(csv, type.getQualityValue());
            } else if (type.getType().equals("application")
                    && (type.getSubtype().equals("json") || type.isWildcardSubtype())) {
                json = Math.max(json, type.getQualityValue());
            }
        }
        return csv > 0 && csv > json;
    }

    static String csv(List<JdbcDecisionSearch.Row> rows) {
        return csvRows(new StringBuilder(HEADER).append("\r\n"), rows).toString();
    }

    /** Appends the rows, one CSV line each, to a document that starts with {@link #HEADER}. */
    static StringBuilder csvRows(StringBuilder out, List<JdbcDecisionSearch.Row> rows) {
        for (JdbcDecisionSearch.Row r : rows) {
            out.append(String.join(
                            ",",
                            List.of(
                                    r.decisionId().toString(),
                                    cell(r.applicationId()),
                                    r.decidedAt().toString(),
                                    r.outcome(),
                                    r.finalOutcome(),
                                    cell(String.join(" ", r.reasonCodes())),
                                    cell(String.join(" ", r.ruleCodes())),
                                    r.rulesetVersion(),
                                    r.product(),
                                    cell(r.dataRegion()),
                                    Boolean.toString(r.thinFile()),
                                    cell(String.join(" ", r.modelStatuses())))))
                    .append("\r\n");
        }
        return out;
    }

    /** RFC 4180 quoting, and a leading quote mark on anything a spreadsheet would run as a formula. */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
