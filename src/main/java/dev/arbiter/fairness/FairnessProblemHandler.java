package dev.arbiter.fairness;

import dev.arbiter.web.ProblemHandler;
import dev.arbiter.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problems of the repayment and fairness endpoints. Ordered before {@link ProblemHandler}, whose
 * catch-all would otherwise answer these refusals as internal errors.
 */
@RestControllerAdvice(
        assignableTypes = {PerformanceController.class, FairnessReportController.class, AlternativesController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class FairnessProblemHandler {

    @ExceptionHandler(FairnessRefusal.class)
    ResponseEntity<ProblemDetail> refused(FairnessRefusal e) {
        ProblemDetail problem = e.problem();
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @ExceptionHandler(RepaymentRefusedException.class)
    ResponseEntity<ProblemDetail> repaymentRefused(RepaymentRefusedException e) {
        ProblemDetail problem = switch (e.why()) {
            case DECISION_NOT_FOUND -> Problems.DECISION_NOT_FOUND.detail(e.getMessage());
            case NOT_APPROVED -> Problems.DECISION_NOT_APPROVED.detail(e.getMessage());
            case CONFLICT -> Problems.REPAYMENT_CONFLICT.detail(e.getMessage());
            case INVALID_OBSERVATION ->
                Problems.INVALID_REQUEST.detail(
                        e.getMessage(),
                        java.util.List.of(Problems.FieldProblem.of(
                                e.field(), e.getMessage(), "a date from the day of the decision up to today (UTC)")));
        };
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
