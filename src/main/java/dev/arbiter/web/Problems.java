package dev.arbiter.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The stable error codes Arbiter answers with. Each becomes the problem's {@code type}
 * ({@code /problems/<code in kebab case>}) and its {@code code} property, so a client can
 * branch on either without parsing prose.
 */
public enum Problems {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "The request has invalid fields"),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "The request is not a well-formed HTTP request"),
    HTTP_ERROR(HttpStatus.BAD_REQUEST, "The request was refused"),
    AUTH_THROTTLED(HttpStatus.TOO_MANY_REQUESTS, "Too many failed authentications"),
    MALFORMED_JSON(HttpStatus.BAD_REQUEST, "The request body is not valid JSON"),
    INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "A path or query parameter is invalid"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The request body must be JSON"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "The requested representation is not available"),
    APPLICATION_CONFLICT(HttpStatus.CONFLICT, "The application id was already decided from a different request"),
    DECISION_NOT_FOUND(HttpStatus.NOT_FOUND, "No such decision"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed on this resource"),
    STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Decision storage is unavailable"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    DECISION_NOT_APPROVED(HttpStatus.CONFLICT, "The decision was not an approval"),
    REPAYMENT_CONFLICT(HttpStatus.CONFLICT, "A different repayment status is already recorded for that day"),
    UNKNOWN_GROUP_BY(HttpStatus.BAD_REQUEST, "The report cannot group by that"),
    INVALID_DATE_RANGE(HttpStatus.BAD_REQUEST, "The report period is invalid"),
    REFERENCE_GROUP_EMPTY(HttpStatus.UNPROCESSABLE_CONTENT, "The reference group has no decisions in the period"),
    MISSING_CREDENTIALS(HttpStatus.UNAUTHORIZED, "The request is not signed"),
    UNKNOWN_KEY(HttpStatus.UNAUTHORIZED, "The signing key is unknown"),
    KEY_NOT_YET_VALID(HttpStatus.UNAUTHORIZED, "The signing key is not valid yet"),
    KEY_EXPIRED(HttpStatus.UNAUTHORIZED, "The signing key has expired"),
    KEY_REVOKED(HttpStatus.UNAUTHORIZED, "The signing key was revoked"),
    SIGNATURE_MISMATCH(HttpStatus.UNAUTHORIZED, "The signature does not match the request"),
    TIMESTAMP_OUTSIDE_WINDOW(HttpStatus.UNAUTHORIZED, "The request timestamp is outside the accepted window"),
    NONCE_REPLAYED(HttpStatus.UNAUTHORIZED, "The nonce was already used"),
    ENVIRONMENT_MISMATCH(HttpStatus.FORBIDDEN, "The key belongs to another environment"),
    ROLE_NOT_ALLOWED(HttpStatus.FORBIDDEN, "The key's role may not call this endpoint"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests from this client"),
    TOO_MANY_IN_FLIGHT(HttpStatus.TOO_MANY_REQUESTS, "Too many decisions in flight on this stream"),
    STREAM_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "The stream's decision workers are all busy"),
    UNKNOWN_MESSAGE_TYPE(HttpStatus.BAD_REQUEST, "The stream message type is unknown"),
    UPGRADE_REQUIRED(HttpStatus.UPGRADE_REQUIRED, "This endpoint is a WebSocket; upgrade the connection"),
    CONSOLE_SESSION_REQUIRED(HttpStatus.UNAUTHORIZED, "The console's live feed needs a person signed in"),
    ORIGIN_NOT_ALLOWED(HttpStatus.FORBIDDEN, "The upgrade comes from a page of another origin"),
    RULESET_VERSION_NOT_FOUND(HttpStatus.UNPROCESSABLE_CONTENT, "No such stored ruleset version"),
    REVIEW_NOT_ALLOWED(HttpStatus.CONFLICT, "This decision is not awaiting review"),
    ALREADY_REVIEWED(HttpStatus.CONFLICT, "This decision has already been reviewed"),
    REVIEW_ALREADY_REQUESTED(HttpStatus.CONFLICT, "Human review of this decision was already requested"),
    INVALID_CURSOR(HttpStatus.BAD_REQUEST, "The page cursor is not valid"),
    DECISION_PURGED(HttpStatus.GONE, "The decision's personal data was removed at the end of its retention period"),
    RULESET_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "The ruleset does not compile"),
    RULESET_NOT_FOUND(HttpStatus.NOT_FOUND, "No such ruleset version"),
    OWN_APPROVAL(HttpStatus.FORBIDDEN, "A ruleset version cannot be approved by its author"),
    RULESET_NOT_DRAFT(HttpStatus.CONFLICT, "Only a draft can be approved"),
    RULESET_NOT_APPROVED(HttpStatus.CONFLICT, "The ruleset version is not approved"),
    RULESET_CASES_FAILING(HttpStatus.CONFLICT, "The ruleset version's golden cases do not all pass"),
    RULESET_ALREADY_ACTIVE(HttpStatus.CONFLICT, "The ruleset version is already active"),
    GRID_TOO_LARGE(HttpStatus.UNPROCESSABLE_CONTENT, "The parameter grid has more variants than one search may run"),
    GRID_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "The parameter grid names something the version cannot vary"),
    VARIANT_INVALID(HttpStatus.UNPROCESSABLE_CONTENT, "A variant of the ruleset does not compile"),
    GROUP_EMPTY(HttpStatus.UNPROCESSABLE_CONTENT, "The chosen group has no decisions in the period"),
    NO_REPAYMENT_OUTCOMES(
            HttpStatus.UNPROCESSABLE_CONTENT, "No decision of the compared groups has a known repayment outcome");

    private final HttpStatus status;
    private final String title;

    Problems(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    HttpStatus status() {
        return status;
    }

    public ProblemDetail detail(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + name().toLowerCase().replace('_', '-')));
        problem.setTitle(title);
        problem.setProperty("code", name());
        return problem;
    }

    /**
     * The problem for a status the servlet container decided on, before or outside any
     * controller: the code where one fits, else {@link #HTTP_ERROR} with that status.
     */
    public static ProblemDetail forStatus(int status, String uri) {
        String at = uri.isEmpty() ? "" : " (" + uri + ")";
        return switch (status) {
            case 400 ->
                BAD_REQUEST.detail("the request could not be read as an HTTP request Arbiter accepts" + at
                        + "; check the request line, the headers and the percent-encoding of the path");
            case 404 -> NOT_FOUND.detail("no resource" + (uri.isEmpty() ? " here" : " at " + uri));
            case 405 -> METHOD_NOT_ALLOWED.detail("this method is not allowed" + at);
            case 413 -> PAYLOAD_TOO_LARGE.detail("the request is too large" + at);
            case 500 -> INTERNAL_ERROR.detail("an unexpected error occurred; nothing was decided");
            default -> {
                ProblemDetail problem = HTTP_ERROR.detail("the request was refused with status " + status + at);
                problem.setStatus(status);
                yield problem;
            }
        };
    }

    public ProblemDetail detail(String detail, List<FieldProblem> errors) {
        ProblemDetail problem = detail(detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /**
     * One invalid field.
     *
     * @param field   dotted path of the field in the request, e.g. {@code applicant.age}
     * @param pointer the same as a JSON Pointer (RFC 6901), e.g. {@code /applicant/age}
     * @param reason  why the value was refused
     * @param allowed what would be accepted
     */
    public record FieldProblem(String field, String pointer, String reason, String allowed) {

        public static FieldProblem of(String field, String reason, String allowed) {
            String pointer = field.isEmpty()
                    ? ""
                    : "/"
                            + field.replace("~", "~0")
                                    .replace("/", "~1")
                                    .replace('.', '/')
                                    .replaceAll("\\[(\\d+)]", "/$1");
            return new FieldProblem(field, pointer, reason, allowed);
        }
    }
}
