package dev.arbiter.web;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problems of the admin and personal-data endpoints, in the same shape as {@link ProblemHandler}'s. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityProblems {

    @ExceptionHandler(ResourceNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(ResourceNotFoundException e) {
        ProblemDetail problem = Problems.NOT_FOUND.detail(e.getMessage());
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidFieldException e) {
        ProblemDetail problem = Problems.INVALID_REQUEST.detail(
                "1 invalid field: " + e.field, List.of(Problems.FieldProblem.of(e.field, e.reason, e.allowed)));
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
