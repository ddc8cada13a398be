package dev.arbiter.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders refusals of the audit endpoints; ordered first so the catch-all handler never sees them. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuditProblemHandler {

    @ExceptionHandler(AuditRefusal.class)
    ResponseEntity<ProblemDetail> refused(AuditRefusal e) {
        ProblemDetail problem = e.errors().isEmpty()
                ? e.problem().detail(e.getMessage())
                : e.problem().detail(e.getMessage(), e.errors());
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
