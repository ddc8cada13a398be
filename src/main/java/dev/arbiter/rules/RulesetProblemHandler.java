package dev.arbiter.rules;

import dev.arbiter.web.Problems;
import dev.arbiter.web.Problems.FieldProblem;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of ruleset authoring as problem details; asked before the general handler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RulesetProblemHandler {

    @ExceptionHandler(RulesetCompilationException.class)
    ResponseEntity<ProblemDetail> invalid(RulesetCompilationException e) {
        List<CompileError> errors = e.errors();
        ProblemDetail problem = Problems.RULESET_INVALID.detail(errors.size() + " error"
                + (errors.size() == 1 ? "" : "s") + " in ruleset " + e.rulesetVersion() + "; nothing was stored");
        problem.setProperty("version", e.rulesetVersion());
        problem.setProperty("errors", errors);
        return respond(problem);
    }

    @ExceptionHandler(RulesetNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(RulesetNotFoundException e) {
        ProblemDetail problem = Problems.RULESET_NOT_FOUND.detail(e.getMessage() + "; GET /v1/rulesets lists them");
        problem.setProperty("version", e.version());
        return respond(problem);
    }

    @ExceptionHandler(RulesetStateException.class)
    ResponseEntity<ProblemDetail> state(RulesetStateException e) {
        ProblemDetail problem = switch (e.reason()) {
            case OWN_APPROVAL -> Problems.OWN_APPROVAL.detail(e.getMessage());
            case NOT_A_DRAFT -> Problems.RULESET_NOT_DRAFT.detail(e.getMessage());
            case NOT_APPROVED -> Problems.RULESET_NOT_APPROVED.detail(e.getMessage());
            case CASES_FAILING -> Problems.RULESET_CASES_FAILING.detail(e.getMessage());
            case ALREADY_ACTIVE -> Problems.RULESET_ALREADY_ACTIVE.detail(e.getMessage());
            case UNKNOWN_PARENT ->
                Problems.INVALID_REQUEST.detail(
                        e.getMessage(),
                        List.of(FieldProblem.of(
                                "parent",
                                "is not a stored ruleset version",
                                "the version of a stored ruleset, or no parent")));
        };
        problem.setProperty("version", e.version());
        return respond(problem);
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> parameter(InvalidParameterException e) {
        return respond(Problems.INVALID_PARAMETER.detail(
                "parameter " + e.name + " is not valid",
                List.of(new FieldProblem(e.name, "", e.getMessage(), e.allowed))));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** A path or query parameter that does not read as what it must be. */
    static final class InvalidParameterException extends RuntimeException {
        final String name;
        final String allowed;

        InvalidParameterException(String name, String reason, String allowed) {
            super(reason);
            this.name = name;
            this.allowed = allowed;
        }
    }
}
